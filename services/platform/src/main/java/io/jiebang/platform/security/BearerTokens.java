package io.jiebang.platform.security;

import java.util.Collection;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Takes the bearer token from the request. Spring's converter checks every {@code Authorization} header with a
 * case-insensitive regular expression, a visible share of the gateway's CPU under load; a well-formed header
 * (RFC 6750 token characters) is taken here with plain character checks, and anything else goes to Spring's
 * converter for its exact answer (malformed headers, tokens in the query). A token in the query is read only on
 * the paths configured for it (the SSE stream).
 */
final class BearerTokens implements ServerAuthenticationConverter {

    private static final String PREFIX = "Bearer ";

    private final ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();
    private final ServerBearerTokenAuthenticationConverter springWithQuery = new ServerBearerTokenAuthenticationConverter();
    private final Set<String> queryPaths;

    BearerTokens(Collection<String> queryPaths) {
        this.queryPaths = Set.copyOf(queryPaths);
        springWithQuery.setAllowUriQueryParameter(true);
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && isToken(header, PREFIX.length()) && exchange.getRequest().getQueryParams().get("access_token") == null) {
            return Mono.just(new BearerTokenAuthenticationToken(header.substring(PREFIX.length())));
        }
        return queryPaths.contains(exchange.getRequest().getPath().pathWithinApplication().value())
                ? springWithQuery.convert(exchange) : spring.convert(exchange);
    }

    /** b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
    private static boolean isToken(String header, int from) {
        int i = from;
        while (i < header.length() && isTokenChar(header.charAt(i))) {
            i++;
        }
        if (i == from) {
            return false;
        }
        while (i < header.length() && header.charAt(i) == '=') {
            i++;
        }
        return i == header.length();
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
