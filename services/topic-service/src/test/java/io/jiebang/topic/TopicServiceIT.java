package io.jiebang.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.KafkaTopics;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.topic.TopicPosted;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.testsupport.EventTap;
import io.jiebang.testsupport.LocalInfrastructure;
import io.jiebang.testsupport.ServiceTestSupport;
import io.jiebang.testsupport.TestTokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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

/** topic-service on the real local broker and store: commands stored, published, idempotent, guarded. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTestSupport.TrustTestTokens.class)
// Closed after its tests, so its consumers stop reading while other tests' contexts of the service run.
@DirtiesContext
class TopicServiceIT {

    static EventTap tap;

    @LocalServerPort
    int port;
    WebTestClient web;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "topic-it");
        registry.add("jiebang.seed.directory", ServiceTestSupport::seedDirectory);
    }

    @BeforeAll
    static void listen() {
        tap = new EventTap(LocalInfrastructure.get().kafkaBootstrap(), List.of(KafkaTopics.DIRECTORY,
                KafkaTopics.BATCHES, KafkaTopics.TOPICS));
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
    void aTopicIsPostedAndPublishedAndEveryStepReachesKafka() {
        String batchId = createOpenBatch();
        String topicId = web.post().uri("/api/topics").headers(h -> h.setBearerAuth(TestTokens.staff("street-01", "street-01")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(topic(batchId))
                .exchange().expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/topics/t-[0-9a-f]+")
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        web.post().uri("/api/topics/{id}/publish", topicId).headers(h -> h.setBearerAuth(TestTokens.staff("street-01", "street-01")))
                .exchange().expectStatus().isAccepted();

        var posted = tap.awaitType(TopicPosted.class, e -> e.aggregateId().equals(topicId));
        assertThat(posted.topic()).isEqualTo(KafkaTopics.TOPICS);
        assertThat(posted.key()).isEqualTo(topicId);
        assertThat(posted.contentType()).startsWith("application/cloudevents+json");
        assertThat(posted.envelope().actor().orgId()).isEqualTo("street-01");
        var published = tap.awaitType(TopicPublished.class, e -> e.aggregateId().equals(topicId));
        assertThat(published.envelope().sequence()).isEqualTo(posted.envelope().sequence() + 1);
        assertThat(((TopicPublished) published.envelope().data()).batchId()).isEqualTo(batchId);
    }

    @Test
    void theDemoDirectoryIsPublishedOnce() {
        tap.awaitType(OrgRegistered.class, e -> e.aggregateId().equals("street-12"));
        long dept01 = tap.events().stream().filter(e -> e.data() instanceof OrgRegistered o && o.orgId().equals("dept-01")).count();
        assertThat(dept01).isEqualTo(1);
    }

    @Test
    void aRepeatedCommandWithTheSameIdempotencyKeyGetsTheFirstAnswerAndStoresNothing() {
        Map<String, Object> body = batch("重复批次");
        String first = web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .header("Idempotency-Key", "k-42").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        String again = web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .header("Idempotency-Key", "k-42").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(again).isEqualTo(first);
        web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .header("Idempotency-Key", "k-42").contentType(MediaType.APPLICATION_JSON).bodyValue(batch("另一个"))
                .exchange().expectStatus().isEqualTo(422);
        tap.awaitType(BatchCreated.class, e -> first.contains(e.aggregateId()));
        assertThat(tap.events().stream().filter(e -> e.data() instanceof BatchCreated b && b.name().equals("重复批次"))).hasSize(1);
    }

    @Test
    void badInputAnswersProblemDetails() {
        web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": {\"$gt\": \"\"}}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("name"));
        web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x", "surprise", 1))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("unknown field 'surprise'");
        web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .header("Accept-Language", "zh-CN").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x", "surprise", 1))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("未知字段“surprise”");
        web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"x\",\"reportingPeriodDays\":\"7\"}")
                .exchange().expectStatus().isBadRequest();
        Map<String, Object> missing = batch("缺字段");
        missing.remove("dueDate");
        web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(missing)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("dueDate");
        web.post().uri("/api/batches").contentType(MediaType.APPLICATION_JSON).bodyValue(batch("无令牌"))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.staff("dept-01", "dept-01")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(batch("员工不能建"))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://jiebang.io/problems/coordinator-only")
                .jsonPath("$.detail").isEqualTo("only a coordinator manages batches");
        web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.staff("dept-01", "dept-01")))
                .header("Accept-Language", "zh-Hans").contentType(MediaType.APPLICATION_JSON).bodyValue(batch("员工不能建"))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isEqualTo("只有区调度中心可以管理批次");
        web.post().uri("/api/batches").header("Accept-Language", "zh-CN").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(batch("无令牌")).exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).startsWith("需要有效的访问令牌"));
        web.post().uri("/api/batches/{id}/open", "b-unknown").headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .exchange().expectStatus().isNotFound();
        assertThat(tap.events().stream().filter(e -> e.data() instanceof BatchCreated b
                && List.of("缺字段", "无令牌", "员工不能建").contains(b.name()))).isEmpty();
    }

    private String createOpenBatch() {
        String id = web.post().uri("/api/batches").headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(batch("第一批"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        web.post().uri("/api/batches/{id}/open", id).headers(h -> h.setBearerAuth(TestTokens.coordinator()))
                .exchange().expectStatus().isAccepted();
        return id;
    }

    static Map<String, Object> batch(String name) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        return new java.util.HashMap<>(Map.of("name", name, "opensAt", now.minusDays(1).toString(),
                "claimDeadline", now.plusDays(14).toString(), "dueDate", now.plusDays(90).toString(),
                "reportingPeriodDays", 7));
    }

    static Map<String, Object> topic(String batchId) {
        return Map.of("batchId", batchId, "title", "老旧小区加装电梯", "description", "三个小区居民呼声强烈",
                "category", "SW-01", "expectedOutcome", "年内完成加装", "dueDate",
                OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(60).toString(), "priority", "HIGH",
                "claimMode", "FIRST_COME", "maxCoClaimants", 2);
    }

    static Duration timeout() {
        return Duration.ofSeconds(30);
    }
}
