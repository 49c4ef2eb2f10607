package io.jiebang.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import io.jiebang.claim.application.ClaimStreams;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.KafkaTopics;
import io.jiebang.events.Actor;
import io.jiebang.events.OrgKind;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.testsupport.TestTokens;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.http.MediaType;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.testsupport.EventFeed;
import io.jiebang.testsupport.LocalInfrastructure;
import io.jiebang.testsupport.ServiceTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * A consumer on the real broker and store: it continues the producer's trace (into its JSON log lines too), and
 * shows its lag, its dead letters and the time to award.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"JIEBANG_LOG_FORMAT=ecs", "logging.level.io.jiebang.platform.observability=DEBUG"})
@Import(ServiceTestSupport.TrustTestTokens.class)
@ExtendWith(OutputCaptureExtension.class)
// Closed after its tests, so its consumers stop reading while other tests' contexts of the service run.
@DirtiesContext
class ObservabilityIT {

    static EventFeed feed;

    @LocalServerPort
    int port;
    @Autowired
    CommandExecutor executor;
    @Autowired
    ReactiveMongoDatabaseFactory databases;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "claim-observability-it");
    }

    @BeforeAll
    static void upstream() {
        feed = new EventFeed(LocalInfrastructure.get().kafkaBootstrap());
    }

    @AfterAll
    static void close() {
        feed.close();
    }

    @Test
    void anEventIsHandledAndStoredAndLoggedInTheTraceOfTheCommandThatRaisedIt(CapturedOutput output) {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String topicId = "t-" + UUID.randomUUID();
        EventEnvelope published = EventEnvelope.wrap(new TopicPublished(topicId, "b-traced", "street-01",
                        Direction.STREET_TO_DEPARTMENT, "追踪", "SW-01", Instant.now().plus(60, ChronoUnit.DAYS),
                        ClaimMode.POSTER_SELECTS, 0), 2, Instant.now(), "/jiebang/topic-service",
                Actor.SYSTEM, "c", null);
        feed.sendTraced(published, "00-" + traceId + "-b7ad6b7169203331-01");

        await().atMost(Duration.ofSeconds(30)).until(() -> executor.read(ClaimStreams.TOPICS, topicId).block().isPublished());
        Document commit = Mono.from(databases.getMongoDatabase().block().getCollection(MongoEventStore.COLLECTION)
                .find(Filters.eq("stream", ClaimStreams.TOPICS.key(topicId))).first()).block();
        assertThat(commit.getString("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .doesNotContain("b7ad6b7169203331");
        assertThat(output.getOut().lines().filter(line -> line.startsWith("{"))
                .filter(line -> line.contains("\"traceId\":\"" + traceId + "\""))
                .filter(line -> line.contains("\"topicId\":\"" + topicId + "\""))
                .filter(line -> line.contains("\"eventId\":\"" + published.eventId() + "\""))).isNotEmpty();
    }

    @Test
    void anAwardRecordsTheTimeSinceTheTopicWasPublished() {
        String batchId = "b-" + UUID.randomUUID();
        String topicId = "t-" + UUID.randomUUID();
        Instant now = Instant.now();
        feed.publish(new OrgRegistered("dept-timed", "计时部门", "Timed", OrgKind.DEPARTMENT, null));
        feed.publish(new BatchCreated(batchId, "计时批次", now.minus(1, ChronoUnit.DAYS), now.plus(14, ChronoUnit.DAYS),
                now.plus(90, ChronoUnit.DAYS), 7));
        feed.publish(new BatchOpened(batchId));
        feed.send(EventEnvelope.wrap(new TopicPublished(topicId, batchId, "street-01", Direction.STREET_TO_DEPARTMENT, "计时",
                "SW-01", now.plus(60, ChronoUnit.DAYS), ClaimMode.FIRST_COME, 0), 2, now.minus(2, ChronoUnit.HOURS),
                "/jiebang/topic-service", Actor.SYSTEM, "c", null));
        // The batch's events travel on another Kafka topic than the topic's: wait for both, or the claim may find the batch unopened.
        await().atMost(Duration.ofSeconds(30)).until(() -> executor.read(ClaimStreams.TOPICS, topicId).block().isPublished()
                && executor.read(ClaimStreams.ORGANISATIONS, "dept-timed").block().isRegistered()
                && executor.read(ClaimStreams.BATCHES, batchId).block().isInside(Instant.now()));

        var web = ServiceTestSupport.client(port);
        web.post().uri("/api/topics/{id}/claims", topicId).headers(h -> h.setBearerAuth(TestTokens.staff("dept-timed", "dept-timed")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("plan", "我们来办", "committedDate", OffsetDateTime.now().plusDays(30).toString()))
                .exchange().expectStatus().isCreated();
        assertThat(web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody())
                .containsPattern("jiebang_claims_time_to_award_seconds_count\\{application=\"claim-service\",awarded_by=\"FIRST_COME\"} 1")
                .containsPattern("jiebang_claims_time_to_award_seconds_sum\\{application=\"claim-service\",awarded_by=\"FIRST_COME\"} 72[0-9]{2}\\.");
    }

    @Test
    void prometheusShowsTheInboxItsLagAndItsDeadLettersByTopic() {
        feed.publish(new TopicPublished("t-" + UUID.randomUUID(), "b-metered", "street-01", Direction.STREET_TO_DEPARTMENT,
                "计量", "SW-01", Instant.now().plus(60, ChronoUnit.DAYS), ClaimMode.POSTER_SELECTS, 0));
        feed.sendRaw(KafkaTopics.TOPICS, "t-garbage", "not an event".getBytes(StandardCharsets.UTF_8));
        var web = ServiceTestSupport.client(port);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String metrics = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(metrics)
                    .containsPattern("jiebang_inbox_dead_letters_total\\{application=\"claim-service\",topic=\"jiebang.topics\"} [1-9]")
                    .containsPattern("jiebang_inbox_seconds_count\\{[^}]*messaging_destination_name=\"jiebang.topics\"")
                    .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*\\} [0-9.]+");
        });
    }
}
