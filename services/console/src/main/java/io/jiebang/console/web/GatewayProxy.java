package io.jiebang.console.web;

import io.jiebang.platform.problem.ProblemDetailsAdvice;
import io.jiebang.platform.problem.ProblemMessages;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Forwards one request to the owning service and relays its answer; problems of its own answer problem+json. */
@Component
public class GatewayProxy {

    /** What a client may tell a service, and what a service may tell a client. */
    private static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_LANGUAGE, "Idempotency-Key");
    private static final List<String> RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION,
            "Idempotent-Replayed", HttpHeaders.WWW_AUTHENTICATE);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebClient client;
    private final ProblemMessages messages;

    public GatewayProxy(WebClient.Builder builder, ProblemMessages messages) {
        this.client = builder.build();
        this.messages = messages;
    }

    public Mono<ServerResponse> forward(ServerRequest request, String baseUrl) {
        String target = baseUrl + request.uri().getRawPath() + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    WebClient.RequestBodySpec call = client.method(request.method()).uri(java.net.URI.create(target))
                            .headers(headers -> REQUEST_HEADERS.forEach(name -> {
                                List<String> values = request.headers().header(name);
                                if (!values.isEmpty()) {
                                    headers.put(name, values);
                                }
                            }));
                    WebClient.RequestHeadersSpec<?> ready = body.length == 0 ? call : call.bodyValue(body);
                    return ready.exchangeToMono(answer -> answer.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                            .flatMap(bytes -> ServerResponse.status(answer.statusCode())
                                    .headers(headers -> RESPONSE_HEADERS.forEach(name -> {
                                        List<String> values = answer.headers().header(name);
                                        if (!values.isEmpty()) {
                                            headers.put(name, values);
                                        }
                                    }))
                                    .bodyValue(bytes)));
                })
                .timeout(TIMEOUT)
                .onErrorResume(DataBufferLimitException.class, e -> problem(request, HttpStatus.CONTENT_TOO_LARGE,
                        "body-too-large", "the request body is larger than allowed"))
                .onErrorResume(WebClientRequestException.class, e -> problem(request, HttpStatus.SERVICE_UNAVAILABLE,
                        "service-unavailable", "the service for this request is not reachable; try again"))
                .onErrorResume(TimeoutException.class, e -> problem(request, HttpStatus.GATEWAY_TIMEOUT,
                        "service-timeout", "the service did not answer in time; try again"));
    }

    private Mono<ServerResponse> problem(ServerRequest request, HttpStatus status, String code, String english) {
        String detail = messages.of(code, english, ProblemMessages.localeOf(request.exchange()));
        ProblemDetail problem = ProblemDetailsAdvice.problem(status, code, detail);
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem);
    }
}
