package io.jiebang.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** Signed bearer tokens for service tests, with a decoder that trusts only this test key. */
public final class TestTokens {

    private static final KeyPair KEYS = generate();

    private TestTokens() {
    }

    public static String staff(String userId, String orgId) {
        return token(userId, orgId, List.of("STAFF"), Instant.now().plusSeconds(3600));
    }

    public static String coordinator() {
        return token("coordinator", null, List.of("COORDINATOR"), Instant.now().plusSeconds(3600));
    }

    /** A coordinator of another district than the first (docs/tenancy.md). */
    public static String coordinatorOf(String district) {
        return token("coordinator-" + district, null, List.of("COORDINATOR"), Instant.now().plusSeconds(3600), district);
    }

    public static String token(String userId, String orgId, List<String> roles, Instant expiresAt) {
        return token(userId, orgId, roles, expiresAt, null);
    }

    /** @param district the district claim; null: none (the first district's, as tokens were before districts) */
    public static String token(String userId, String orgId, List<String> roles, Instant expiresAt, String district) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(userId).issuer("jiebang-test")
                .issueTime(new Date()).expirationTime(Date.from(expiresAt)).claim("roles", roles);
        if (orgId != null) {
            claims.claim("org", orgId);
        }
        if (district != null) {
            claims.claim("district", district);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(new RSASSASigner(KEYS.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public static ReactiveJwtDecoder decoder() {
        return NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
