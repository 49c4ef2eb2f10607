package io.jiebang.console.gateway;

import io.jiebang.platform.problem.ProblemDetailsAdvice;
import io.jiebang.platform.problem.ProblemMessages;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Forwards one request to an instance of the owning service and relays its answer, streaming the answer's body
 * through as it comes; problems of its own answer problem+json. The request's body (no larger than the services
 * read) is held until the answer starts, so a call an instance refused to connect goes to the next instance.
 */
@Component
public class GatewayProxy {

    /** What a client may tell a service, and what a service may tell a client. */
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.CONTENT_LENGTH, HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_LANGUAGE, "Idempotency-Key");
    private static final List<String> RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH,
            HttpHeaders.LOCATION, "Idempotent-Replayed", HttpHeaders.WWW_AUTHENTICATE);

    private final WebClient client;
    private final ServiceInstances instances;
    private final ProblemMessages messages;
    private final long maxBody;

    /** @param maxBody the largest body the services read; a longer declared one is refused here, unsent */
    public GatewayProxy(WebClient client, ServiceInstances instances, ProblemMessages messages,
                        @Value("${spring.http.codecs.max-in-memory-size}") DataSize maxBody) {
        this.client = client;
        this.instances = instances;
        this.messages = messages;
        this.maxBody = maxBody.toBytes();
    }

    public Mono<ServerResponse> forward(ServerRequest request, Downstream.Service service) {
        return forward(request, service, request.uri().getRawPath());
    }

    /** The same to another path of the service (the request's query kept), for routes whose path names the service. */
    public Mono<ServerResponse> forward(ServerRequest request, Downstream.Service service, String rawPath) {
        if (request.headers().contentLength().orElse(0) > maxBody) {
            // Read and dropped first: a client still sending its body may not read an early answer, and both would wait.
            return request.bodyToFlux(DataBuffer.class).doOnNext(DataBufferUtils::release)
                    .then(problem(request, HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "the request body is larger than allowed"));
        }
        return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class))
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> send(request, service, rawPath, body, instances.count(service)));
    }

    private Mono<ServerResponse> send(ServerRequest request, Downstream.Service service, String rawPath, byte[] body,
                                      int attemptsLeft) {
        String baseUrl = instances.next(service);
        URI target = URI.create(baseUrl + rawPath
                + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()));
        WebClient.RequestBodySpec call = client.method(request.method()).uri(target)
                .headers(headers -> copy(request.headers().asHttpHeaders(), headers, REQUEST_HEADERS));
        return (body.length == 0 ? call : call.bodyValue(body))
                .retrieve()
                // Every answer is relayed as it is, a refusal too: it is the owner's to give.
                .onStatus(status -> true, answer -> Mono.empty())
                .toEntityFlux(DataBuffer.class)
                .flatMap(answer -> ServerResponse.status(answer.getStatusCode())
                        .headers(headers -> copy(answer.getHeaders(), headers, RESPONSE_HEADERS))
                        .body(answer.getBody(), DataBuffer.class))
                .onErrorResume(WebClientRequestException.class, e -> {
                    if (e.getCause() instanceof ConnectException) {
                        instances.refused(baseUrl);
                        if (attemptsLeft > 1) {
                            return send(request, service, rawPath, body, attemptsLeft - 1);
                        }
                    }
                    if (e.getCause() instanceof ReadTimeoutException) {
                        return problem(request, HttpStatus.GATEWAY_TIMEOUT, "service-timeout", "the service did not answer in time; try again");
                    }
                    if (e.getCause() instanceof PoolAcquireTimeoutException || e.getCause() instanceof PoolAcquirePendingLimitException) {
                        return problem(request, HttpStatus.SERVICE_UNAVAILABLE, "service-busy",
                                "the service is busy with other requests; try again in a moment", RETRY_AFTER_SECONDS);
                    }
                    return problem(request, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                            "the service for this request is not reachable; try again");
                });
    }


    private static void copy(HttpHeaders from, HttpHeaders to, List<String> names) {
        names.forEach(name -> {
            List<String> values = from.get(name);
            if (values != null && !values.isEmpty()) {
                to.put(name, values);
            }
        });
    }

    private Mono<ServerResponse> problem(ServerRequest request, HttpStatus status, String code, String english) {
        return problem(request, status, code, english, null);
    }

    /** @param retryAfter seconds for {@code Retry-After}, or null */
    private Mono<ServerResponse> problem(ServerRequest request, HttpStatus status, String code, String english, String retryAfter) {
        String detail = messages.of(code, english, ProblemMessages.localeOf(request.exchange()));
        ProblemDetail problem = ProblemDetailsAdvice.problem(status, code, detail);
        ServerResponse.BodyBuilder response = ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.bodyValue(problem);
    }
}
