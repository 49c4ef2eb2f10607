package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.LocalStack;
import io.jiebang.e2e.KafkaRecords.Read;
import io.jiebang.events.KafkaTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an analytics team reads on the public topics: every event of a published topic once, under the id it has on
 * the internal topic, but no draft, no staff user id, no resident's comment and no bid's plan (docs/security.md).
 */
class PublicTopicsEndToEndIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COMMENT = "楼道灯还是不亮 the hallway light is still out";

    final LocalStack stack = RunningStack.get();
    final Api api = RunningStack.api();
    final Board board = new Board(api);

    @Test
    void thePublicTopicsShowEveryEventOfAPublishedTopicButNoDraftNoUserAndNoResidentsWords() {
        String batchId = api.createOpenBatch("公开事件批次");
        String draftId = api.post("/api/topics", "street-02", Map.of("batchId", batchId, "title", "未发布的草稿",
                "description", "只有本街道和统筹人可见", "category", "SW-08", "expectedOutcome", "年内见效",
                "dueDate", api.now().plusDays(30).toString(), "priority", "HIGH", "claimMode", "FIRST_COME",
                "maxCoClaimants", 0)).expect(201).id();
        String topicId = board.postAndPublish("street-01", batchId, "公开的榜单", "FIRST_COME", 0, 30);
        board.claimAndAwait(topicId, "dept-01");
        board.report(topicId, "dept-01", 50);
        board.submit(topicId, "dept-01");
        board.accept(topicId, "street-01");
        String token = api.post("/api/topics/" + topicId + "/evaluation-links", "street-01", Map.of("count", 1))
                .expect(201).body().get("links").get(0).get("token").asString();
        api.post("/api/evaluations/" + token, null, Map.of("verdict", "DISSATISFIED", "comment", COMMENT)).expect(201);
        api.awaitStatus(draftId, "street-02", "DRAFT");

        List<Read> internal = new ArrayList<>();
        List<Read> published = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            internal.clear();
            published.clear();
            internal.addAll(readAll(KafkaTopics.ALL));
            published.addAll(readAll(KafkaTopics.PUBLIC));
            assertThat(ids(published, topicId)).contains(ids(internal, topicId).stream()
                    .filter(id -> !typeOf(internal, id).equals("TopicPosted")).toArray(String[]::new));
        });

        // The test sees what it looks for: the draft, the users and the comment are all on the internal topics.
        assertThat(internal).filteredOn(read -> read.subject().equals(draftId)).extracting(Read::type).containsExactly("TopicPosted");
        assertThat(internal).filteredOn(read -> read.subject().equals(topicId)).anyMatch(read -> read.event().has("actoruser"));
        assertThat(internal.toString()).contains(COMMENT);

        assertThat(published).as("no draft").noneMatch(read -> read.subject().equals(draftId))
                .noneMatch(read -> read.type().equals("TopicPosted"));
        assertThat(published).as("no staff user id").noneMatch(read -> read.event().has("actoruser"));
        assertThat(published.toString()).as("no resident's words").doesNotContain(COMMENT);
        assertThat(internal.toString()).contains("dept-01 的方案");
        assertThat(published.toString()).as("no bid's plan").doesNotContain("dept-01 的方案");

        List<Read> ofTopic = published.stream().filter(read -> read.subject().equals(topicId)).toList();
        assertThat(ofTopic).extracting(Read::type).contains("TopicPublished", "ClaimSubmitted", "ClaimAwarded",
                "ProgressReported", "ResolutionSubmitted", "ResolutionAccepted", "EvaluationLinksIssued", "EvaluationVoteCast");
        assertThat(ids(published, topicId)).as("every event of the published topic, under its id")
                .containsExactlyInAnyOrderElementsOf(ids(internal, topicId).stream()
                        .filter(id -> !typeOf(internal, id).equals("TopicPosted")).toList());
        for (Read shown : ofTopic) {
            Read original = internal.stream().filter(read -> read.id().equals(shown.id())).findFirst().orElseThrow();
            assertThat(shown.topic()).isEqualTo(KafkaTopics.publicTopic(original.topic()));
            assertThat(shown.event().path("actororg")).isEqualTo(original.event().path("actororg"));
            assertThat(shown.event().path("sequence")).isEqualTo(original.event().path("sequence"));
            if (!shown.type().equals("EvaluationVoteCast") && !shown.type().equals("ClaimSubmitted")) {
                assertThat(shown.event().get("data")).as(shown.type()).isEqualTo(original.event().get("data"));
            }
        }
        JsonNode vote = ofTopic.stream().filter(read -> read.type().equals("EvaluationVoteCast")).findFirst().orElseThrow().event();
        assertThat(vote.get("data").get("verdict").asString()).isEqualTo("DISSATISFIED");
        assertThat(vote.get("data").path("comment").isNull() || vote.get("data").path("comment").isMissingNode()).isTrue();

        // Each writer's events of the topic have positions 1, 2, 3… without a gap (on the public side, topic-service's
        // begin at 2: its position 1 is the draft), and each event comes after every event it had seen.
        Map<String, List<Long>> internalPositions = new java.util.TreeMap<>();
        internal.stream().filter(read -> read.subject().equals(topicId)).forEach(read -> internalPositions
                .computeIfAbsent(read.event().get("source").asString(), s -> new ArrayList<>()).add(read.event().get("position").asLong()));
        assertThat(internalPositions).containsKeys("/jiebang/topic-service", "/jiebang/claim-service",
                "/jiebang/dispatch-service", "/jiebang/resolution-service");
        internalPositions.forEach((source, positions) -> assertThat(positions.stream().sorted().toList()).as(source)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, positions.size()).boxed().toList()));
        assertThat(ofTopic.stream().filter(read -> read.event().get("source").asString().equals("/jiebang/topic-service"))
                .map(read -> read.event().get("position").asLong()).toList()).containsExactly(2L);
        for (Read shown : ofTopic) {
            for (String pair : shown.event().path("seen").asString("").split(",")) {
                if (!pair.isBlank()) {
                    String source = pair.substring(0, pair.lastIndexOf('='));
                    long position = Long.parseLong(pair.substring(pair.lastIndexOf('=') + 1));
                    assertThat(internalPositions.getOrDefault(source, List.of())).as(shown.type() + " has seen " + pair).contains(position);
                }
            }
        }
        Read award = ofTopic.stream().filter(read -> read.type().equals("ClaimAwarded")).findFirst().orElseThrow();
        assertThat(award.event().get("seen").asString()).as("the award depends on the topic's publication")
                .contains("/jiebang/topic-service=2");

        // Each event's type is reverse-DNS with its version, and its dataschema is a URL the console answers with the
        // JSON Schema whose $id the event names.
        for (Read shown : ofTopic) {
            String type = shown.event().get("type").asString();
            assertThat(type).startsWith("io.jiebang.").endsWith(".v1");
            String schemaUrl = shown.event().get("dataschema").asString();
            assertThat(schemaUrl).startsWith(RunningStack.get().consoleUrl() + "/schemas/events/");
            java.net.http.HttpResponse<String> schema = send(schemaUrl);
            assertThat(schema.statusCode()).as(schemaUrl).isEqualTo(200);
            assertThat(schema.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(JSON.readTree(schema.body()).get("$id").asString())
                    .isEqualTo("urn:jiebang:event:" + shown.type() + ":1");
        }
    }

    /** A plain GET, without a token: the schemas are public. */
    private static java.net.http.HttpResponse<String> send(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Read> readAll(Collection<String> topics) {
        return KafkaRecords.readAll(stack.kafkaBootstrap(), topics);
    }

    private static Set<String> ids(List<Read> records, String subject) {
        return records.stream().filter(read -> read.subject().equals(subject)).map(Read::id).collect(Collectors.toSet());
    }

    private static String typeOf(List<Read> records, String id) {
        return records.stream().filter(read -> read.id().equals(id)).map(Read::type).findFirst().orElseThrow();
    }
}
