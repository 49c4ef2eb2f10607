package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Evaluations people can trust (docs/rules.md), through the gateway across the running services: the links of a round
 * are capped, the poster's own vote counts once, the poster cannot end an evaluation before its quorum, a coordinator
 * can with a reason, and a topic that ends with too few votes is CLOSED_UNRATED: resolved in the rates, out of the
 * satisfaction rate, and without satisfaction points on the leaderboard.
 */
class EvaluationRulesEndToEndIT {

    static Api api;
    static Board board;

    @BeforeAll
    static void stack() {
        api = RunningStack.api();
        board = new Board(api);
    }

    @Test
    void tooFewVotesCloseATopicUnratedAndTheFiguresSaySo() {
        String batchId = api.createOpenBatch("评议规则批次", Map.of("evaluationQuorum", 3, "evaluationMinimumWindowHours", 72,
                "evaluationLinksPerRound", 4));
        String unrated = resolvedTopic(batchId, "street-04", "dept-11", "小区停车难");
        String rated = resolvedTopic(batchId, "street-04", "dept-12", "社区食堂");

        JsonNode evaluation = api.awaitTopic(unrated, "street-04", t -> t.path("evaluation").path("quorum").asInt() == 3)
                .get("evaluation");
        assertThat(evaluation.get("linksPerRound").asInt()).as("the batch's settings rule the evaluation").isEqualTo(4);

        // The links of a round are capped
        Api.Response tooMany = api.post("/api/topics/" + unrated + "/evaluation-links", "street-04", Map.of("count", 5)).expect(409);
        assertThat(tooMany.type()).endsWith("/link-cap-reached");
        List<String> tokens = links(unrated, 4);
        api.post("/api/topics/" + unrated + "/evaluation-links", "street-04", Map.of("count", 1)).expect(409);

        // The poster's own vote (signed in as its staff) counts once; a resident's vote through the same link still counts
        api.post("/api/evaluations/" + tokens.get(0), "street-04", Map.of("verdict", "SATISFIED")).expect(201);
        Api.Response again = api.post("/api/evaluations/" + tokens.get(1), "street-04", Map.of("verdict", "SATISFIED")).expect(409);
        assertThat(again.type()).endsWith("/poster-already-voted");
        api.post("/api/evaluations/" + tokens.get(1), null, Map.of("verdict", "SATISFIED")).expect(201);
        api.awaitTopic(unrated, "street-04", t -> t.get("evaluation").get("satisfied").asInt() == 2);

        // Two votes of a quorum of three: the poster may not end it, a coordinator only with a reason
        Api.Response early = api.post("/api/topics/" + unrated + "/evaluation/close", "street-04", null).expect(403);
        assertThat(early.type()).endsWith("/early-close-coordinator-only");
        Api.Response noReason = api.post("/api/topics/" + unrated + "/evaluation/close", "coordinator", null).expect(400);
        assertThat(noReason.type()).endsWith("/early-close-reason-missing");
        api.post("/api/topics/" + unrated + "/evaluation/close", "coordinator", Map.of("reason", "小区整体拆迁，居民已搬离")).expect(202);
        JsonNode closedUnrated = api.awaitStatus(unrated, "coordinator", "CLOSED_UNRATED");
        assertThat(closedUnrated.get("evaluation").get("outcome").asString()).isEqualTo("INCONCLUSIVE");
        assertThat(closedUnrated.get("evaluation").get("cause").asString()).isEqualTo("CLOSED_EARLY");
        assertThat(closedUnrated.get("evaluation").get("reason").asString()).isEqualTo("小区整体拆迁，居民已搬离");
        assertThat(api.get("/api/topics?batch=" + batchId + "&status=CLOSED_UNRATED", "coordinator").expect(200).body()
                .get("items")).extracting(t -> t.get("id").asString()).containsExactly(unrated);

        // The other topic reaches its quorum: a coordinator ending it inside the minimum window (with a reason) gets
        // the two-thirds rule
        List<String> ratedTokens = links(rated, 3);
        for (String verdict : List.of("SATISFIED", "SATISFIED", "DISSATISFIED")) {
            api.post("/api/evaluations/" + ratedTokens.remove(0), null, Map.of("verdict", verdict)).expect(201);
        }
        api.awaitTopic(rated, "street-04", t -> t.get("evaluation").get("dissatisfied").asInt() == 1
                && t.get("evaluation").get("satisfied").asInt() == 2);
        api.post("/api/topics/" + rated + "/evaluation/close", "street-04", null).expect(403);
        api.post("/api/topics/" + rated + "/evaluation/close", "coordinator", Map.of("reason", "督办会议要求提前评定")).expect(202);
        JsonNode closed = api.awaitStatus(rated, "coordinator", "CLOSED");
        assertThat(closed.get("evaluation").get("outcome").asString()).isEqualTo("CLOSED");

        // The rates: both resolved; the satisfaction rate counts only the rated topic's three votes
        JsonNode overall = api.get("/api/batches/" + batchId + "/stats", "coordinator").expect(200).body().get("overall");
        assertThat(overall.get("resolution").get("numerator").asInt()).isEqualTo(2);
        assertThat(overall.get("resolution").get("denominator").asInt()).isEqualTo(2);
        assertThat(overall.get("satisfaction").get("numerator").asInt()).isEqualTo(2);
        assertThat(overall.get("satisfaction").get("denominator").asInt()).isEqualTo(3);
        assertThat(overall.get("unratedTopics").asInt()).isEqualTo(1);

        // The leaderboard: the unrated topic earns its resolved and on-time points, no satisfaction points
        JsonNode entries = api.get("/api/batches/" + batchId + "/leaderboard", "coordinator").expect(200).body().get("entries");
        JsonNode ratedLead = entry(entries, "dept-12");
        JsonNode unratedLead = entry(entries, "dept-11");
        assertThat(ratedLead.get("score").asDouble()).isEqualTo(18.33);
        assertThat(ratedLead.get("satisfactionPoints").asDouble()).isEqualTo(3.33);
        assertThat(unratedLead.get("score").asDouble()).isEqualTo(15.0);
        assertThat(unratedLead.get("satisfactionPoints").asDouble()).isEqualTo(0.0);
        assertThat(unratedLead.get("unratedTopics").asInt()).isEqualTo(1);
        assertThat(entries.get(0).get("orgId").asString()).isEqualTo("dept-12");
    }

    private String resolvedTopic(String batchId, String poster, String lead, String title) {
        String topicId = board.postAndPublish(poster, batchId, title, "FIRST_COME", 0, 60);
        board.claimAndAwait(topicId, lead);
        board.submit(topicId, lead);
        board.accept(topicId, poster);
        return topicId;
    }

    private List<String> links(String topicId, int count) {
        JsonNode issued = api.post("/api/topics/" + topicId + "/evaluation-links", "street-04", Map.of("count", count))
                .expect(201).body();
        assertThat(issued.get("tokensShown").asBoolean()).isTrue();
        List<String> tokens = new ArrayList<>();
        issued.get("links").forEach(link -> tokens.add(link.get("token").asString()));
        assertThat(tokens).hasSize(count);
        return tokens;
    }

    private static JsonNode entry(JsonNode entries, String orgId) {
        for (JsonNode entry : entries) {
            if (orgId.equals(entry.get("orgId").asString())) {
                return entry;
            }
        }
        throw new AssertionError(orgId + " is not on the leaderboard " + entries);
    }
}
