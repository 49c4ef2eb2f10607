package io.jiebang.console.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jiebang.console.application.Accounts;
import io.jiebang.console.application.TokenIssuer;
import io.jiebang.platform.security.JwtActors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Issues RS256 tokens with the user, their organisation and roles, valid for a working day, naming this issuer
 * ({@code iss}) and the services as their audience ({@code aud}), which every service checks.
 */
public class LocalTokenIssuer implements TokenIssuer {

    private final SigningKeys signingKeys;
    private final Duration lifetime;
    private final String issuer;
    private final String audience;

    public LocalTokenIssuer(SigningKeys signingKeys, Duration lifetime, String issuer, String audience) {
        this.signingKeys = signingKeys;
        this.lifetime = lifetime;
        this.issuer = issuer;
        this.audience = audience;
    }

    @Override
    public IssuedToken issue(Accounts.Account account) {
        // Token times follow the real clock, not the business clock tests may move.
        Instant now = Clock.systemUTC().instant();
        Instant expires = now.plus(lifetime);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(audience).subject(account.username()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(expires))
                .claim(JwtActors.ROLES_CLAIM, account.roles())
                .claim("name", account.displayName());
        if (account.orgId() != null) {
            claims.claim(JwtActors.ORG_CLAIM, account.orgId());
        }
        if (account.district() != null) {
            claims.claim(JwtActors.DISTRICT_CLAIM, account.district());
        }
        RSAKey key = signingKeys.signing();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return new IssuedToken(jwt.serialize(), expires);
    }
}
