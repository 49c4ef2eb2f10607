package io.jiebang.console.security;

import io.jiebang.console.application.TokenIssuer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;

/** The console is the local token issuer: it signs logins and verifies tokens with its own key. */
@Configuration
@LocalLogin
public class ConsoleSecurityConfiguration {

    private static final String ISSUER = "${spring.security.oauth2.resourceserver.jwt.issuer-uri}";
    private static final String LIFETIME = "${jiebang.auth.token-lifetime:PT8H}";
    private static final String AUDIENCE = "${spring.security.oauth2.resourceserver.jwt.audiences}";

    @Bean
    public SigningKeys signingKeys(@Value("${jiebang.data:.data}") String dataDir, @Value(LIFETIME) Duration lifetime,
                                   @Value("${jiebang.auth.key-rotation:P30D}") Duration rotation) {
        return new SigningKeys(Path.of(dataDir, "keys"), rotation, lifetime, Clock.systemUTC());
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    public TokenIssuer tokenIssuer(SigningKeys signingKeys, @Value(LIFETIME) Duration lifetime,
                                   @Value(ISSUER) String issuer, @Value(AUDIENCE) String audience) {
        return new LocalTokenIssuer(signingKeys, lifetime, issuer, audience);
    }

    /** The same checks as every service's (iss, aud, times), against the console's own key. */
    @Bean
    public ReactiveJwtDecoder jwtDecoder(SigningKeys signingKeys, @Value(ISSUER) String issuer, @Value(AUDIENCE) String audience) {
        // Every published key verifies: during a rotation's overlap, tokens of the previous key are still good.
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> Flux.fromIterable(signingKeys.publicKeys().getKeys())).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience))));
        return decoder;
    }
}
