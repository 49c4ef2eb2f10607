package io.jiebang.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens already verified, until they expire, so a client's every request does not pay for an
 * RSA signature check (in the gateway and again in each service). The same token string verifies the same
 * way until its expiry; a failed verification is never remembered.
 */
public final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private static final int MAX_TOKENS = 10_000;
    private static final Duration MAX_KEPT = Duration.ofMinutes(10);

    private final ReactiveJwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfterWrite(MAX_KEPT)
            .build();

    public VerifiedTokenCache(ReactiveJwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        Instant now = clock.instant();
        if (known != null && (known.getExpiresAt() == null || known.getExpiresAt().isAfter(now))) {
            return Mono.just(known);
        }
        return verifier.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }
}
