package io.jiebang.platform.security;

import io.jiebang.platform.PlatformProperties;
import io.jiebang.platform.problem.ProblemMessages;
import java.net.URI;
import java.time.Clock;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service checks the bearer token itself (defence in depth behind the gateway): health and the
 * configured public paths are open, everything else needs a valid token. Tokens are verified against
 * the issuer's keys ({@code spring.security.oauth2.resourceserver.jwt.*}).
 */
@AutoConfiguration
@EnableWebFluxSecurity
public class PlatformSecurityAutoConfiguration {

    /** Every token decoder of the service, Boot's or its own, remembers what it verified. */
    @Bean
    public static BeanPostProcessor verifiedTokenCache() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof VerifiedTokenCache)
                        ? new VerifiedTokenCache(decoder, Clock.systemUTC()) : bean;
            }
        };
    }

    /**
     * The key set decides which tokens are genuine, so it is fetched over TLS: a service refuses to start with a
     * plain-HTTP key set on another host unless told that the network is trusted ({@code jiebang.security.plain-jwks}).
     */
    @Bean
    public static InitializingBean keySetOverTls(Environment environment) {
        return () -> {
            String keySet = environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
            if (keySet != null && !environment.getProperty("jiebang.security.plain-jwks", Boolean.class, false)) {
                URI uri = URI.create(keySet);
                if ("http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
                    throw new IllegalStateException("the token-signing keys at " + keySet + " would be fetched without TLS: "
                            + "use https, or set JIEBANG_PLAIN_JWKS=true on a trusted network (docs/security.md); refusing to start");
                }
            }
        };
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }

    @Bean
    @ConditionalOnMissingBean
    public ProblemSecurityHandlers problemSecurityHandlers(JsonMapper json, ProblemMessages messages) {
        return new ProblemSecurityHandlers(json, messages);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    public SecurityWebFilterChain serviceSecurity(ServerHttpSecurity http, PlatformProperties properties,
                                                  ProblemSecurityHandlers problems, ObjectProvider<RevokedTokens> revoked) {
        revoked.ifAvailable(tokens -> http.addFilterAfter(new RevocationFilter(tokens, problems.unauthenticated()),
                SecurityWebFiltersOrder.AUTHENTICATION));
        return hardened(http, problems, properties.getSecurity().getContentSecurityPolicy())
                .authorizeExchange(rules -> {
                    // Probes and scrapers carry no token; keep /actuator off the public ingress (docs/operations.md).
                    rules.pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/actuator/prometheus").permitAll();
                    if (properties.getClock().isAdjustable()) {
                        rules.pathMatchers("/internal/clock/**").permitAll();
                    }
                    properties.getSecurity().getPublicPaths().forEach(path -> rules.pathMatchers(path).permitAll());
                    rules.anyExchange().authenticated();
                })
                .oauth2ResourceServer(server -> server.jwt(jwt -> { })
                        .bearerTokenConverter(new BearerTokens(properties.getSecurity().getTokenInQueryPaths()))
                        .authenticationEntryPoint(problems.unauthenticated())
                        .accessDeniedHandler(problems.denied()))
                .build();
    }

    /** No sessions, no CSRF tokens, no CORS, strict headers: the common base of every chain. */
    private static ServerHttpSecurity hardened(ServerHttpSecurity http, ProblemSecurityHandlers problems,
                                               String contentSecurityPolicy) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems.unauthenticated())
                        .accessDeniedHandler(problems.denied()))
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy)));
    }
}
