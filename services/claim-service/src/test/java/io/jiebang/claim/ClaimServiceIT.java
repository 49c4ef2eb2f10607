package io.jiebang.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiebang.claim.application.ClaimStreams;
import io.jiebang.claim.domain.TopicMarket;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.KafkaTopics;
import io.jiebang.events.OrgKind;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.testsupport.EventFeed;
import io.jiebang.testsupport.EventTap;
import io.jiebang.testsupport.LocalInfrastructure;
import io.jiebang.testsupport.ServiceTestSupport;
import io.jiebang.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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

/** claim-service on the real broker and store: it learns from upstream events, and exactly one claim wins. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTestSupport.TrustTestTokens.class)
// Closed after its tests, so its consumers stop reading while other tests' contexts of the service run.
@DirtiesContext
class ClaimServiceIT {

    static final int CLAIMANTS = 100;
    static EventFeed feed;
    static EventTap tap;
    static final String BATCH = "b-" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    CommandExecutor executor;
    @Autowired
    MongoEventStore store;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "claim-it");
    }

    @BeforeAll
    static void upstream() {
        feed = new EventFeed(LocalInfrastructure.get().kafkaBootstrap());
        tap = new EventTap(LocalInfrastructure.get().kafkaBootstrap(), List.of(KafkaTopics.CLAIMS, KafkaTopics.deadLetter("claim-service")));
        feed.publish(new OrgRegistered("street-01", "东湖街道", "Donghu", OrgKind.STREET, null));
        IntStream.rangeClosed(1, CLAIMANTS).forEach(i -> feed.publish(new OrgRegistered(dept(i), "部门" + i, "Dept " + i, OrgKind.DEPARTMENT, null)));
        Instant now = Instant.now();
        feed.publish(new BatchCreated(BATCH, "并发批次", now.minus(1, ChronoUnit.DAYS), now.plus(14, ChronoUnit.DAYS),
                now.plus(90, ChronoUnit.DAYS), 7));
        feed.publish(new BatchOpened(BATCH));
    }

    @AfterAll
    static void close() {
        feed.close();
        tap.close();
    }

    @Test
    void ofAHundredSimultaneousFirstComeClaimsExactlyOneIsAwarded() {
        String topicId = publishTopic(ClaimMode.FIRST_COME);
        awaitDepartmentsKnown();
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        String committed = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(30).toString();
        Map<Integer, Long> statuses = Flux.range(1, CLAIMANTS)
                .flatMap(i -> client.post().uri("/api/topics/{id}/claims", topicId)
                        .headers(h -> h.setBearerAuth(TestTokens.staff(dept(i), dept(i))))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("plan", "我们来办", "committedDate", committed))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), CLAIMANTS)
                .collectList().block(Duration.ofMinutes(2))
                .stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(statuses).containsOnlyKeys(201, 409).containsEntry(201, 1L).containsEntry(409, (long) CLAIMANTS - 1);
        TopicMarket market = executor.read(ClaimStreams.TOPICS, topicId).block();
        assertThat(market.status()).isEqualTo(TopicMarket.Status.AWARDED);
        tap.awaitType(ClaimAwarded.class, e -> e.aggregateId().equals(topicId));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> awards(topicId) == 1);
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        String topicId = "t-" + UUID.randomUUID();
        EventEnvelope published = feed.publish(new TopicPublished(topicId, BATCH, "street-01", Direction.STREET_TO_DEPARTMENT,
                "重复投递", "SW-01", Instant.now().plus(60, ChronoUnit.DAYS), ClaimMode.POSTER_SELECTS, 0));
        feed.send(published);
        feed.send(published);
        String marker = "t-" + UUID.randomUUID();
        feed.publish(new TopicPublished(marker, BATCH, "street-01", Direction.STREET_TO_DEPARTMENT, "标记", "SW-01",
                Instant.now().plus(60, ChronoUnit.DAYS), ClaimMode.POSTER_SELECTS, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> executor.read(ClaimStreams.TOPICS, marker).block().isPublished());
        var stream = store.load(ClaimStreams.TOPICS.key(topicId)).block();
        assertThat(stream.events()).extracting(EventEnvelope::eventId).containsExactly(published.eventId());
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndConsumingGoesOn() {
        String poisonKey = "poison-" + UUID.randomUUID();
        feed.sendRaw(KafkaTopics.TOPICS, poisonKey, "{not an event".getBytes(StandardCharsets.UTF_8));
        publishTopic(ClaimMode.POSTER_SELECTS);
        var dead = tap.await(r -> r.topic().equals(KafkaTopics.deadLetter("claim-service")) && poisonKey.equals(r.key()),
                Duration.ofSeconds(30));
        assertThat(dead.value()).isEqualTo("{not an event");
        assertThat(dead.headers()).containsKey("x-exception-message");
        assertThat(dead.headers().get("x-original-topic")).isEqualTo(KafkaTopics.TOPICS);
    }

    private long awards(String topicId) {
        return tap.events().stream().filter(e -> e.data() instanceof ClaimAwarded && e.aggregateId().equals(topicId)).count();
    }

    private String publishTopic(ClaimMode mode) {
        String topicId = "t-" + UUID.randomUUID();
        feed.publish(new TopicPublished(topicId, BATCH, "street-01", Direction.STREET_TO_DEPARTMENT, "加装电梯", "SW-01",
                Instant.now().plus(60, ChronoUnit.DAYS), mode, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> executor.read(ClaimStreams.TOPICS, topicId).block().isPublished());
        return topicId;
    }

    private void awaitDepartmentsKnown() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                executor.read(ClaimStreams.ORGANISATIONS, dept(CLAIMANTS)).block().isRegistered());
    }

    static String dept(int i) {
        return String.format("dept-%03d", i);
    }
}
