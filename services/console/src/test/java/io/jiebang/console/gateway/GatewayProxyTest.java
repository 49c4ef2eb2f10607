package io.jiebang.console.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.platform.problem.ProblemMessages;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The proxy relays a service's answer as it is, streams bodies of any size, answers its own problems, and takes
 * a call an instance refused to another instance.
 */
class GatewayProxyTest {

    static DisposableServer service;
    static ConnectionProvider connections;
    static WebClient client;

    @BeforeAll
    static void start() {
        service = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
                .post("/api/echo", (request, response) -> response.status(201)
                        .header("Content-Type", "application/json").header("Location", "/api/things/1")
                        .header("Idempotent-Replayed", "true").header("X-Internal", "not for clients")
                        .send(request.receive().retain()))
                .post("/api/seen", (request, response) -> response.sendString(Mono.just(String.join("|",
                        request.requestHeaders().get("Authorization"), request.requestHeaders().get("Idempotency-Key"),
                        String.valueOf(request.requestHeaders().get("Cookie")), String.valueOf(request.uri())))))
                .post("/api/refused", (request, response) -> response.status(409)
                        .header("Content-Type", "application/problem+json")
                        .sendString(Mono.just("{\"type\":\"https://jiebang.io/problems/already-claimed\"}")))
                .get("/api/silent", (request, response) -> Mono.never()))
                .bindNow();
        Downstream downstream = new Downstream(null, null, null, null, null, new Downstream.Client(4, 100, Duration.ofMillis(300), Duration.ofMillis(500)));
        DownstreamClientConfiguration clients = new DownstreamClientConfiguration();
        connections = clients.downstreamConnections(downstream);
        client = clients.downstreamClient(WebClient.builder(), connections, downstream);
    }

    @AfterAll
    static void stop() {
        service.disposeNow();
        connections.dispose();
    }

    private static WebTestClient gateway(String serviceUrl) {
        return gateway(client, serviceUrl);
    }

    /** @param serviceUrls the instances of the service, comma-separated */
    private static WebTestClient gateway(WebClient client, String serviceUrls) {
        ServiceInstances instances = new ServiceInstances(new Downstream(serviceUrls, null, null, null, null, new Downstream.Client(4, 100,
                Duration.ofMillis(300), Duration.ofMillis(500))));
        GatewayProxy proxy = new GatewayProxy(client, instances, new ProblemMessages(new StaticMessageSource()), DataSize.ofMegabytes(2));
        return WebTestClient.bindToRouterFunction(RouterFunctions.route(RequestPredicates.all(),
                        request -> proxy.forward(request, Downstream.Service.TOPIC)))
                .configureClient().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    private static String serviceUrl() {
        return "http://127.0.0.1:" + service.port();
    }

    @Test
    void theAnswerIsRelayedWithItsStatusAndOnlyThePublicHeaders() {
        gateway(serviceUrl()).post().uri("/api/echo").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"plan\":\"住建牵头\"}")
                .exchange().expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/api/things/1")
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectHeader().doesNotExist("X-Internal")
                .expectBody(String.class).isEqualTo("{\"plan\":\"住建牵头\"}");
    }

    @Test
    void onlyWhatAServiceNeedsIsForwarded() {
        gateway(serviceUrl()).post().uri("/api/seen?page=2").header("Authorization", "Bearer t")
                .header("Idempotency-Key", "k-1").header("Cookie", "session=s")
                .exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("Bearer t|k-1|null|/api/seen?page=2");
    }

    @Test
    void aRefusalIsTheServicesToGive() {
        gateway(serviceUrl()).post().uri("/api/refused").exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://jiebang.io/problems/already-claimed");
    }

    @Test
    void bodiesLargerThanAnyBufferStreamThrough() {
        byte[] large = new byte[1024 * 1024];
        Arrays.fill(large, (byte) 'x');
        byte[] relayed = gateway(serviceUrl()).post().uri("/api/echo").bodyValue(large)
                .exchange().expectStatus().isCreated().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(relayed).isEqualTo(large);
    }

    @Test
    void aBodyDeclaredTooLargeIsRefusedUnsent() {
        gateway(serviceUrl()).post().uri("/api/echo").bodyValue(new byte[3 * 1024 * 1024])
                .exchange().expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("https://jiebang.io/problems/body-too-large");
    }

    @Test
    void aSilentServiceIsATimeout() {
        gateway(serviceUrl()).get().uri("/api/silent").exchange().expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://jiebang.io/problems/service-timeout");
    }

    @Test
    void callsBeyondThePoolWaitBrieflyThenAreRefusedAsBusy() {
        // A pool of its own with one connection: a silent call holds it, the next waits its 300 ms, then is refused.
        Downstream small = new Downstream(null, null, null, null, null, new Downstream.Client(1, 100, Duration.ofMillis(300), Duration.ofSeconds(5)));
        DownstreamClientConfiguration clients = new DownstreamClientConfiguration();
        ConnectionProvider one = clients.downstreamConnections(small);
        try {
            WebClient oneAtATime = clients.downstreamClient(WebClient.builder(), one, small);
            oneAtATime.get().uri(serviceUrl() + "/api/silent").retrieve().bodyToMono(String.class)
                    .onErrorResume(e -> Mono.empty()).subscribe();
            gateway(oneAtATime, serviceUrl()).get().uri("/api/silent").exchange().expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "1")
                    .expectBody().jsonPath("$.type").isEqualTo("https://jiebang.io/problems/service-busy");
        } finally {
            one.dispose();
        }
    }

    @Test
    void anUnreachableServiceIsUnavailable() {
        gateway("http://127.0.0.1:1").post().uri("/api/echo").exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://jiebang.io/problems/service-unavailable");
    }

    @Test
    void aCallAnInstanceRefusesGoesToTheNextAndTheRefusingOneIsPassedOver() {
        WebTestClient gateway = gateway("http://127.0.0.1:1," + serviceUrl());
        for (int call = 0; call < 4; call++) {
            gateway.post().uri("/api/echo").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"call\":" + call + "}")
                    .exchange().expectStatus().isCreated()
                    .expectBody(String.class).isEqualTo("{\"call\":" + call + "}");
        }
    }
}
