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
import io.jiebang.resolution.application.ResolutionStreams;
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
        await().atMost(Duration.ofSeconds(30)).until(() -> executor.read(ResolutionStreams.TOPICS, topicId).block().status()
                == io.jiebang.resolution.domain.Case.Status.IN_PROGRESS);
        assertThat(post("/api/topics/" + topicId + "/resolution", "dept-01", Map.of("summary", "完成")).block()).isEqualTo(201);
        return topicId;
    }
}
