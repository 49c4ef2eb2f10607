package io.jiebang.platform.security;

import io.jiebang.platform.problem.ProblemDetailsAdvice;
import io.jiebang.platform.problem.ProblemMessages;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 from the security layer answer problem+json like every other error. */
public final class ProblemSecurityHandlers {

    private final JsonMapper json;
    private final ProblemMessages messages;

    public ProblemSecurityHandlers(JsonMapper json, ProblemMessages messages) {
        this.json = json;
        this.messages = messages;
    }

    public ServerAuthenticationEntryPoint unauthenticated() {
        // Why the token was refused comes from the security layer, in English.
        return (exchange, e) -> write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated",
                messages.of("unauthenticated", "a valid bearer token is required", ProblemMessages.localeOf(exchange))
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    public ServerAccessDeniedHandler denied() {
        return (exchange, e) -> write(exchange, HttpStatus.FORBIDDEN, "forbidden",
                messages.of("forbidden", "not allowed for your role", ProblemMessages.localeOf(exchange)));
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetailsAdvice.problem(status, code, detail);
        problem.setInstance(exchange.getRequest().getURI());
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set("WWW-Authenticate", "Bearer");
        }
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }
}
