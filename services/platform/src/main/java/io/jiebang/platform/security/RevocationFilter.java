package io.jiebang.platform.security;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a verified token that was revoked. It runs after authentication rather than in the decoder, because
 * verified tokens are remembered ({@link VerifiedTokenCache}) and a revocation must hold for them as well.
 */
final class RevocationFilter implements WebFilter {

    private final RevokedTokens revoked;
    private final ServerAuthenticationEntryPoint unauthenticated;

    RevocationFilter(RevokedTokens revoked, ServerAuthenticationEntryPoint unauthenticated) {
        this.revoked = revoked;
        this.unauthenticated = unauthenticated;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .filter(context -> context.getAuthentication() instanceof JwtAuthenticationToken token
                        && revoked.isRevoked(token.getToken()))
                .map(context -> true)
                .defaultIfEmpty(false)
                .flatMap(refused -> refused
                        ? unauthenticated.commence(exchange, new InvalidBearerTokenException("the token was signed out"))
                        : chain.filter(exchange));
    }
}
