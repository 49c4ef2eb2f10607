package io.jiebang.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiebang.events.KafkaTopics;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.testsupport.EventTap;
import io.jiebang.testsupport.LocalInfrastructure;
import io.jiebang.testsupport.ServiceTestSupport;
import io.jiebang.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What operations see of a service on the real broker and store: its probes, its meters, its traces on Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "jiebang.metrics.outbox-interval=PT1S")
@Import(ServiceTestSupport.TrustTestTokens.class)
// Closed after its tests, so its consumers stop reading while other tests' contexts of the service run.
@DirtiesContext
class ObservabilityIT {

    static EventTap tap;

    @LocalServerPort
    int port;
    WebTestClient web;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "topic-observability-it");
    }

    @BeforeAll
    static void listen() {
        tap = new EventTap(LocalInfrastructure.get().kafkaBootstrap(), List.of(KafkaTopics.BATCHES));
    }

    @AfterAll
    static void stopListening() {
        tap.close();
    }

    @BeforeEach
    void client() {
        web = ServiceTestSupport.client(port);
    }

    @Test
    void theCallersTraceReachesTheKafkaRecordOfTheEventItsCommandRaised() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String created = web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(TopicServiceIT.batch("追踪批次"))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();

        var record = tap.awaitType(BatchCreated.class, e -> created.contains(e.aggregateId()));
        assertThat(record.headers().get("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
    }

    @Test
    void prometheusShowsTheOutboxAndTheUsualMeters() {
        web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(TopicServiceIT.batch("计量批次"))
                .exchange().expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(metrics)
                    .containsPattern("jiebang_outbox_backlog\\{application=\"topic-service\"} 0\\.0")
                    .containsPattern("jiebang_outbox_oldest_age_seconds\\{application=\"topic-service\"} 0\\.0")
                    .containsPattern("jiebang_outbox_published_total\\{application=\"topic-service\"} [1-9]")
                    .contains("jiebang_outbox_dead_letters_total", "http_server_requests_seconds_count",
                            "jvm_memory_used_bytes");
        });
    }

    @Test
    void theProbesAreUpWithTheStoreAndTheBrokerInReadiness() {
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.store.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP");
    }
}
