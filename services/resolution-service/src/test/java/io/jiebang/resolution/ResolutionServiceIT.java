package io.jiebang.resolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.resolution.EvaluationVoteCast;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.eventstore.MongoEventStore;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.jiebang.resolution.application.ResolutionStreams;
import io.jiebang.resolution.application.ResolutionUseCases;
import io.jiebang.resolution.domain.Case;
import io.jiebang.resolution.persistence.EvaluationTokenPurge;
import org.bson.Document;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import io.jiebang.testsupport.EventFeed;
import io.jiebang.testsupport.LocalInfrastructure;
import io.jiebang.testsupport.ServiceTestSupport;
import io.jiebang.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** resolution-service on the real broker and store: one outcome of two verdicts at once, one vote per link however many at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTestSupport.TrustTestTokens.class)
// Closed after its tests, so its consumers stop reading while other tests' contexts of the service run.
@DirtiesContext
class ResolutionServiceIT {

    static EventFeed feed;

    @LocalServerPort
    int port;
    @Autowired
    CommandExecutor executor;
    @Autowired
    MongoEventStore store;
    @Autowired
    ReactiveMongoDatabaseFactory databases;
    @Autowired
    EvaluationTokenPurge purge;
    WebClient client;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "resolution-it");
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
    void twoVerdictsAtOnceGiveExactlyOneOutcome() {
        client = WebClient.create("http://127.0.0.1:" + port);
        for (int round = 0; round < 5; round++) {
            String topicId = submittedTopic();
            List<Integer> statuses = Flux.merge(
                            post("/api/topics/" + topicId + "/resolution/accept", "street-01", null),
                            post("/api/topics/" + topicId + "/resolution/reject", "street-01", Map.of("reason", "不合格")))
                    .collectList().block(Duration.ofSeconds(30));
            assertThat(statuses).containsExactlyInAnyOrder(202, 409);
            List<EventEnvelope> verdicts = store.load(ResolutionStreams.TOPICS.key(topicId)).block().events().stream()
                    .filter(e -> e.data() instanceof ResolutionAccepted || e.data() instanceof ResolutionRejected).toList();
            assertThat(verdicts).hasSize(1);
        }
    }

    @Test
    void aLinkTakesOneVoteHoweverManyArriveTogether() {
        client = WebClient.create("http://127.0.0.1:" + port);
        String topicId = submittedTopic();
        assertThat(post("/api/topics/" + topicId + "/resolution/accept", "street-01", null).block()).isEqualTo(202);
        JsonNode links = client.post().uri("/api/topics/{id}/evaluation-links", topicId)
                .headers(h -> h.setBearerAuth(TestTokens.staff("street-01", "street-01")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("count", 1))
                .retrieve().bodyToMono(JsonNode.class).block();
        String token = links.get("links").get(0).get("token").asString();
        Map<Integer, Long> statuses = Flux.range(0, 10)
                .flatMap(i -> post("/api/evaluations/" + token, null, Map.of("verdict", "SATISFIED")), 10)
                .collectList().block(Duration.ofSeconds(30)).stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(statuses).containsEntry(201, 1L).containsEntry(409, 9L);
        long votes = store.load(ResolutionStreams.TOPICS.key(topicId)).block().events().stream()
                .filter(e -> e.data() instanceof EvaluationVoteCast).count();
        assertThat(votes).isEqualTo(1);
    }

    @Test
    void tokensAreShownOnceAndKeptOnlyAsHashes() {
        client = WebClient.create("http://127.0.0.1:" + port);
        String topicId = submittedTopic();
        assertThat(post("/api/topics/" + topicId + "/resolution/accept", "street-01", null).block()).isEqualTo(202);
        String key = UUID.randomUUID().toString();
        JsonNode first = issueLinks(topicId, 3, key).getBody();
        assertThat(first.get("tokensShown").asBoolean()).isTrue();
        List<String> tokens = new java.util.ArrayList<>();
        first.get("links").forEach(link -> tokens.add(link.get("token").asString()));
        assertThat(tokens).hasSize(3).allSatisfy(token -> assertThat(token).hasSizeGreaterThanOrEqualTo(43));

        // Nothing stored holds a token: not the commit's answer kept for a repeat, not the links
        MongoDatabase db = databases.getMongoDatabase().block();
        String stored = Flux.from(db.getCollection(MongoEventStore.COLLECTION).find(Filters.eq("stream", "topic:" + topicId)))
                .map(Document::toJson).collectList().block().toString()
                + Flux.from(db.getCollection("evaluation_links").find(Filters.eq("topicId", topicId)))
                .map(Document::toJson).collectList().block();
        for (String token : tokens) {
            assertThat(stored).doesNotContain(token).contains(ResolutionUseCases.hash(token));
        }

        // A repeat of the request answers as documented: the same links, without their tokens
        var again = issueLinks(topicId, 3, key);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.getBody().get("count").asInt()).isEqualTo(3);
        assertThat(again.getBody().get("tokensShown").asBoolean()).isFalse();
        assertThat(again.getBody().get("links")).isEmpty();
        assertThat(again.getBody().toString()).doesNotContain(tokens.get(0));
        // and the tokens shown once work
        assertThat(post("/api/evaluations/" + tokens.get(0), null, Map.of("verdict", "SATISFIED")).block()).isEqualTo(201);
    }

    @Test
    void plainTokensStoredBeforeArePurgedAtStartOnceAndForAll() {
        MongoDatabase db = databases.getMongoDatabase().block();
        assertThat(Mono.from(db.getCollection("migrations").find(Filters.eq("_id", EvaluationTokenPurge.MIGRATION)).first()).block())
                .as("the purge ran when the service started").isNotNull();
        String token = "legacy-token-" + UUID.randomUUID();
        String commitId = "legacy-" + UUID.randomUUID() + ":1";
        String body = "{\"topicId\":\"t-old\",\"round\":1,\"expiresAt\":\"2026-03-08T00:00:00Z\",\"links\":"
                + "[{\"token\":\"" + token + "\",\"url\":\"http://127.0.0.1:8080/evaluate/" + token + "\"}]}";
        Mono.from(db.getCollection(MongoEventStore.COLLECTION).insertOne(new Document("_id", commitId)
                .append("stream", "legacy-test:t-old").append("streamType", "legacy-test").append("seq", 1L)
                .append("published", true)
                .append("events", List.of(new Document("type", "EvaluationLinksIssued").append("external", false)))
                .append("answer", new Document("status", 201).append("location", "/api/topics/t-old/evaluation-links")
                        .append("body", body)))).block();
        Mono.from(db.getCollection("evaluation_links").insertOne(new Document("_id", token).append("token", token)
                .append("url", "http://127.0.0.1:8080/evaluate/" + token).append("topicId", "t-old").append("round", 1)
                .append("expiresAt", new java.util.Date()))).block();

        EvaluationTokenPurge.Purged purged = purge.purge().block();
        assertThat(purged.answers()).isEqualTo(1);
        assertThat(purged.links()).isEqualTo(1);
        Document commit = Mono.from(db.getCollection(MongoEventStore.COLLECTION).find(Filters.eq("_id", commitId)).first()).block();
        String answer = commit.get("answer", Document.class).getString("body");
        assertThat(answer).doesNotContain(token).contains("\"tokenHash\":\"" + ResolutionUseCases.hash(token) + "\"")
                .contains("\"tokensShown\":false");
        assertThat(Mono.from(db.getCollection("evaluation_links").find(Filters.eq("_id", token)).first()).block()).isNull();
        Document link = Mono.from(db.getCollection("evaluation_links").find(Filters.eq("_id", ResolutionUseCases.hash(token))).first()).block();
        assertThat(link).isNotNull();
        assertThat(link.toJson()).doesNotContain(token);
        assertThat(link.getString("topicId")).isEqualTo("t-old");

        assertThat(purge.purge().block()).as("nothing left the second time").isEqualTo(new EvaluationTokenPurge.Purged(0, 0));
        assertThat(Mono.from(db.getCollection(MongoEventStore.COLLECTION).find(Filters.eq("_id", commitId)).first()).block()
                .get("answer", Document.class).getString("body")).isEqualTo(answer);
    }

    private org.springframework.http.ResponseEntity<JsonNode> issueLinks(String topicId, int count, String key) {
        return client.post().uri("/api/topics/{id}/evaluation-links", topicId)
                .headers(h -> h.setBearerAuth(TestTokens.staff("street-01", "street-01")))
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("count", count))
                .retrieve().toEntity(JsonNode.class).block();
    }

    private Mono<Integer> post(String path, String org, Object body) {
        WebClient.RequestBodySpec request = client.post().uri(path);
        if (org != null) {
            request.headers(h -> h.setBearerAuth(TestTokens.staff(org, org)));
        }
        WebClient.RequestHeadersSpec<?> ready = body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
    }

    private String submittedTopic() {
        String topicId = "t-" + UUID.randomUUID();
        feed.publish(new TopicPublished(topicId, "b-1", "street-01", Direction.STREET_TO_DEPARTMENT, "验收", "SW-01",
                Instant.now().plus(60, ChronoUnit.DAYS), ClaimMode.FIRST_COME, 0));
        feed.publish(new ClaimAwarded(topicId, 1, "c-1", "dept-01", List.of(), Instant.now().plus(50, ChronoUnit.DAYS),
                true, ClaimAwarded.AwardedBy.FIRST_COME));
        // The two events come on different Kafka topics, so the award may be read before the topic is known.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Case topic = executor.read(ResolutionStreams.TOPICS, topicId).block();
            return topic.isKnown() && topic.status() == Case.Status.IN_PROGRESS;
        });
        assertThat(post("/api/topics/" + topicId + "/resolution", "dept-01", Map.of("summary", "完成")).block()).isEqualTo(201);
        return topicId;
    }
}
