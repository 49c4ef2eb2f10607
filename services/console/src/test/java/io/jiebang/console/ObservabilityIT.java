package io.jiebang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiebang.testsupport.LocalInfrastructure;
import io.jiebang.testsupport.ServiceTestSupport;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The console on the real broker and store: it passes the caller's trace on to the services, and shows the board's gauges
 * on its management port, not on the public one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"jiebang.metrics.board-interval=PT1S", "JIEBANG_MANAGEMENT_PORT=0"})
// Closed after its tests, so its consumers stop reading while other tests' contexts of the service run.
@DirtiesContext
class ObservabilityIT {

    static final AtomicReference<String> traceparentSeen = new AtomicReference<>();
    static final DisposableServer resolutionService = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.post("/api/evaluations/{token}", (request, response) -> {
                traceparentSeen.set(request.requestHeaders().get("traceparent"));
                return response.status(204).send(Mono.empty());
            }))
            .bindNow();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        LocalInfrastructure.register(registry, "console-observability-it");
        registry.add("jiebang.data", Files.createTempDirectory("console-observability-it")::toString);
        registry.add("jiebang.services.resolution-url", () -> "http://127.0.0.1:" + resolutionService.port());
    }

    @AfterAll
    static void stop() {
        resolutionService.disposeNow();
    }

    @Test
    void theCallersTraceGoesOnToTheServiceBehindTheGateway() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        ServiceTestSupport.client(port).post().uri("/api/evaluations/some-token")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"verdict\":\"SATISFIED\"}")
                .exchange().expectStatus().isNoContent();

        assertThat(traceparentSeen.get()).matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void prometheusShowsTheBoardAndReadinessTheStoreAndTheBrokerOnTheManagementPortOnly() {
        assertThat(managementPort).isNotEqualTo(port);
        ServiceTestSupport.client(port).get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
        ServiceTestSupport.client(port).get().uri("/actuator/health").exchange().expectStatus().isNotFound();
        var web = ServiceTestSupport.client(managementPort);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(web.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .containsPattern("jiebang_board_topics\\{application=\"console\",status=\"OPEN\"} [0-9]")
                .containsPattern("jiebang_board_escalated\\{application=\"console\",level=\"3\"} [0-9]")
                .containsPattern("jiebang_board_overdue\\{application=\"console\"} [0-9]"));
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.store.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP");
    }
}
