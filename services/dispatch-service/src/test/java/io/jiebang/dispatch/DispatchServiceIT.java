package io.jiebang.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiebang.dispatch.application.DispatchStreams;
import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.KafkaTopics;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.dispatch.EscalationRaised;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.platform.time.AdjustableClock;
import io.jiebang.platform.time.WorkScheduler;
import io.jiebang.testsupport.EventFeed;
import io.jiebang.testsupport.EventTap;
import io.jiebang.testsupport.LocalInfrastructure;
import io.jiebang.testsupport.ServiceTestSupport;
import io.jiebang.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** dispatch-service on the real broker and store: simultaneous reports all kept in order, the schedule by moving the clock. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTestSupport.TrustTestTokens.class)
// Closed after its tests, so its consumers stop reading while other tests' contexts of the service run.
@DirtiesContext
class DispatchServiceIT {

    static final int REPORTS = 20;
    static EventFeed feed;
    static EventTap tap;
    static final String BATCH = "b-" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    CommandExecutor executor;
    @Autowired
    MongoEventStore store;
    @Autowired
    AdjustableClock clock;
    @Autowired
    WorkScheduler scheduler;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "dispatch-it");
    }

    @BeforeAll
    static void upstream() {
        feed = new EventFeed(LocalInfrastructure.get().kafkaBootstrap());
        tap = new EventTap(LocalInfrastructure.get().kafkaBootstrap(), List.of(KafkaTopics.DISPATCH));
        Instant now = Instant.now();
        feed.publish(new BatchCreated(BATCH, "调度批次", now.minus(1, ChronoUnit.DAYS), now.plus(14, ChronoUnit.DAYS),
                now.plus(90, ChronoUnit.DAYS), 7));
    }

    @AfterAll
    static void close() {
        feed.close();
        tap.close();
    }

    @Test
    void simultaneousReportsAreAllKeptInOrder() {
        String topicId = awardedTopic();
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        List<Integer> statuses = Flux.range(1, REPORTS)
                .flatMap(i -> client.post().uri("/api/topics/{id}/progress", topicId)
                        .headers(h -> h.setBearerAuth(TestTokens.staff(i % 2 == 0 ? "dept-01" : "dept-02", i % 2 == 0 ? "dept-01" : "dept-02")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("percent", i, "note", "report " + i))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())), REPORTS)
                .collectList().block(Duration.ofMinutes(1));
        assertThat(statuses).hasSize(REPORTS).containsOnly(201);

        List<EventEnvelope> stored = store.load(DispatchStreams.TOPICS.key(topicId)).block().events().stream()
                .filter(e -> e.data() instanceof ProgressReported).toList();
        assertThat(stored).hasSize(REPORTS);
        assertThat(stored).extracting(e -> ((ProgressReported) e.data()).note()).doesNotHaveDuplicates();
        List<Long> sequences = stored.stream().map(EventEnvelope::sequence).toList();
        assertThat(sequences).isSorted().doesNotHaveDuplicates();

        await().atMost(Duration.ofSeconds(30)).until(() -> published(topicId).size() == REPORTS);
        assertThat(published(topicId)).as("Kafka has them in the stored order")
                .containsExactlyElementsOf(stored.stream().map(EventEnvelope::eventId).toList());
    }

    @Test
    void aWeekWithoutAReportRaisesAReminder() {
        String topicId = awardedTopic();
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        scheduler.runNow().block(Duration.ofMinutes(1));
        var raised = tap.awaitType(EscalationRaised.class, e -> e.aggregateId().equals(topicId));
        assertThat(((EscalationRaised) raised.envelope().data()).level()).isEqualTo(1);
        scheduler.runNow().block(Duration.ofMinutes(1));
        assertThat(executor.read(DispatchStreams.TOPICS, topicId).block().openLevel()).isEqualTo(1);
    }

    private List<String> published(String topicId) {
        return tap.events().stream().filter(e -> e.aggregateId().equals(topicId) && e.data() instanceof ProgressReported)
                .map(EventEnvelope::eventId).distinct().toList();
    }

    private String awardedTopic() {
        String topicId = "t-" + UUID.randomUUID();
        feed.publish(new TopicPublished(topicId, BATCH, "street-01", Direction.STREET_TO_DEPARTMENT, "调度", "SW-01",
                Instant.now().plus(60, ChronoUnit.DAYS), ClaimMode.FIRST_COME, 1));
        feed.publish(new ClaimAwarded(topicId, 1, "c-1", "dept-01", List.of("dept-02"), Instant.now().plus(50, ChronoUnit.DAYS),
                true, ClaimAwarded.AwardedBy.FIRST_COME), new Actor("dept-01", "dept-01", Actor.Role.STAFF));
        // The two events come on different Kafka topics, so the award may be read before the topic is known.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var topic = executor.read(DispatchStreams.TOPICS, topicId).block();
            return topic.isKnown() && "dept-01".equals(topic.leadOrgId());
        });
        return topicId;
    }
}
