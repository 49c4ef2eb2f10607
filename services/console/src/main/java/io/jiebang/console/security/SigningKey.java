package io.jiebang.console.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The console's token-signing key: an RSA key generated at first run into the data folder (never committed),
 * and read back from there at every later start so tokens survive a restart. Instances of the console share it
 * (the same folder locally, a mounted secret on Kubernetes): the first to start creates it, the others read it.
 */
public final class SigningKey {

    private final RSAKey key;

    private SigningKey(RSAKey key) {
        this.key = key;
    }

    public static SigningKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return new SigningKey(RSAKey.parse(Files.readString(file)));
            }
            RSAKey generated = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "jwt-", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            Files.writeString(temp, generated.toJSONString());
            try {
                // A link is made whole or not at all, and never over an existing file: of instances starting at once,
                // one key wins and every instance uses it.
                Files.createLink(file, temp);
            } catch (java.nio.file.FileAlreadyExistsException anotherInstanceWasFirst) {
                return new SigningKey(RSAKey.parse(Files.readString(file)));
            } finally {
                Files.delete(temp);
            }
            return new SigningKey(generated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the signing key at " + file, e);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot use the signing key at " + file, e);
        }
    }

    public RSAKey key() {
        return key;
    }

    /** The public half, as served at {@code /oauth2/jwks} for the services to verify tokens. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }
}
