package io.jiebang.console.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's token-signing keys: RSA keys (JWK files) in the keys folder of the data folder, never committed.
 * Instances of the console share the folder (the same folder locally, a mounted secret on Kubernetes).
 * <ul>
 *   <li>The newest key (by its {@code iat}; a key without one counts as the oldest) signs. The first start makes
 *   {@code jwt-signing-key.json}.</li>
 *   <li>Rotation: once the newest key is older than the rotation period, the next key is made
 *   ({@code jwt-signing-key-<period start>.json}). Instances doing so at once name the same file, and a link is made
 *   whole or not at all and never over an existing file: one key wins and every instance signs with it. In a
 *   read-only folder (a Kubernetes secret) operators rotate by adding a key file to the secret.</li>
 *   <li>A key that no longer signs is still published at {@code /oauth2/jwks} until every token it signed has expired
 *   (the token lifetime after its successor appeared), then it is deleted: during the overlap two keys are published.</li>
 * </ul>
 * The folder is read again at most once a minute, so every instance follows a rotation within a minute.
 */
public final class SigningKeys {

    static final String FIRST = "jwt-signing-key.json";
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration REREAD = Duration.ofMinutes(1);

    private final Path folder;
    private final Duration rotation;
    private final Duration tokenLifetime;
    private final Clock clock;
    private volatile State state;
    private boolean warnedReadOnly;

    private record State(RSAKey signing, JWKSet published, Instant readAt) {
    }

    /**
     * @param rotation how long a key signs before the next one is made; zero for never
     * @param clock    the real clock: keys and tokens follow real time, not the business clock tests may move
     */
    public SigningKeys(Path folder, Duration rotation, Duration tokenLifetime, Clock clock) {
        this.folder = folder;
        this.rotation = rotation;
        this.tokenLifetime = tokenLifetime;
        this.clock = clock;
        this.state = read();
    }

    /** The key that signs new tokens. */
    public RSAKey signing() {
        return current().signing();
    }

    /** The public halves of the keys whose tokens may still be valid, as served at {@code /oauth2/jwks}. */
    public JWKSet publicKeys() {
        return current().published();
    }

    private State current() {
        State known = state;
        if (clock.instant().isBefore(known.readAt().plus(REREAD))) {
            return known;
        }
        synchronized (this) {
            if (state == known) {
                state = read();
            }
            return state;
        }
    }

    private State read() {
        try {
            Instant now = clock.instant();
            List<RSAKey> keys = load();
            if (keys.isEmpty()) {
                keys = List.of(create(folder.resolve(FIRST), now));
            } else if (!rotation.isZero() && issued(keys.get(keys.size() - 1)).plus(rotation).isBefore(now)) {
                keys = rotated(keys, now);
            }
            List<JWK> published = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                boolean newest = i == keys.size() - 1;
                if (newest || issued(keys.get(i + 1)).plus(tokenLifetime).isAfter(now)) {
                    published.add(keys.get(i).toPublicJWK());
                } else {
                    retire(keys.get(i));
                }
            }
            return new State(keys.get(keys.size() - 1), new JWKSet(published), now);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the signing keys in " + folder, e);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot use the signing keys in " + folder, e);
        }
    }

    private List<RSAKey> rotated(List<RSAKey> keys, Instant now) throws JOSEException, ParseException {
        long period = now.getEpochSecond() / rotation.toSeconds() * rotation.toSeconds();
        try {
            List<RSAKey> more = new ArrayList<>(keys);
            more.add(create(folder.resolve("jwt-signing-key-" + period + ".json"), now));
            more.sort(Comparator.comparing(SigningKeys::issued));
            return more;
        } catch (IOException readOnly) {
            if (!warnedReadOnly) {
                warnedReadOnly = true;
                log.warn("the signing key is due for rotation but {} is read-only ({}): add a new key to it (docs/security.md)",
                        folder, readOnly.toString());
            }
            return keys;
        }
    }

    /** The keys of the folder, oldest first. */
    private List<RSAKey> load() throws IOException, ParseException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<RSAKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(SigningKeys::isKeyFile).toList()) {
                keys.add(RSAKey.parse(Files.readString(file)));
            }
        }
        keys.sort(Comparator.comparing(SigningKeys::issued));
        return keys;
    }

    private RSAKey create(Path file, Instant now) throws IOException, JOSEException, ParseException {
        RSAKey generated = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).generate();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "jwt-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            Files.writeString(temp, generated.toJSONString());
            // Of instances making the same key at once, the first link wins and every instance uses that key.
            Files.createLink(file, temp);
            log.info("signing key {} made ({})", generated.getKeyID(), file.getFileName());
            return generated;
        } catch (FileAlreadyExistsException anotherInstanceWasFirst) {
            return RSAKey.parse(Files.readString(file));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes a key no valid token can name any more; in a read-only folder it stays, unpublished. */
    private void retire(RSAKey key) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(SigningKeys::isKeyFile).toList()) {
                if (Files.readString(file).contains(key.getKeyID())) {
                    Files.deleteIfExists(file);
                    log.info("signing key {} retired: every token it signed has expired", key.getKeyID());
                }
            }
        } catch (IOException readOnly) {
            log.debug("signing key {} stays in {}: {}", key.getKeyID(), folder, readOnly.toString());
        }
    }

    private static boolean isKeyFile(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("jwt-signing-key") && name.endsWith(".json");
    }

    private static Instant issued(RSAKey key) {
        return key.getIssueTime() == null ? Instant.EPOCH : key.getIssueTime().toInstant();
    }
}
