package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** The board's steps as its users take them, through the gateway, each waiting until the board shows it. */
final class Board {

    private final Api api;

    Board(Api api) {
        this.api = api;
    }

    String postAndPublish(String poster, String batchId, String title, String claimMode, int maxCoClaimants, int dueInDays) {
        String topicId = api.post("/api/topics", poster, Map.of("batchId", batchId, "title", title, "description",
                "居民反映强烈，需要多方协作", "category", "SW-08", "expectedOutcome", "年内见效",
                "dueDate", api.now().plusDays(dueInDays).toString(), "priority", "HIGH", "claimMode", claimMode,
                "maxCoClaimants", maxCoClaimants)).expect(201).id();
        api.awaitStatus(topicId, poster, "DRAFT");
        api.post("/api/topics/" + topicId + "/publish", poster, null).expect(202);
        api.awaitStatus(topicId, poster, "OPEN");
        return topicId;
    }

    /** A claim that the owning service accepts (201); returns the claim id. */
    String claim(String topicId, String org, String... coClaimants) {
        return api.postEventually("/api/topics/" + topicId + "/claims", org, Map.of("coClaimantOrgIds", List.of(coClaimants),
                "plan", org + " 的方案", "committedDate", api.now().plusDays(40).toString())).expect(201).id();
    }

    /** A first-come claim: awarded at once. */
    void claimAndAwait(String topicId, String org, String... coClaimants) {
        claim(topicId, org, coClaimants);
        api.awaitTopic(topicId, org, t -> org.equals(text(t, "leadOrgId")));
    }

    /** Each named co-claimant accepts its place in the topic's live claim of the current round (docs/rules.md). */
    void acceptPlaces(String topicId, String... coClaimants) {
        JsonNode topic = api.awaitTopic(topicId, coClaimants[0], t -> liveClaimNaming(t, coClaimants[0]) != null);
        String claimId = liveClaimNaming(topic, coClaimants[0]);
        for (String org : coClaimants) {
            api.postEventually("/api/topics/" + topicId + "/claims/" + claimId + "/accept-place", org, null).expect(202);
        }
        api.awaitTopic(topicId, coClaimants[0], t -> {
            JsonNode claim = claimOf(t, claimId);
            return claim != null && claim.get("acceptedCoClaimantOrgIds").size() >= coClaimants.length;
        });
    }

    private static String liveClaimNaming(JsonNode topic, String org) {
        for (JsonNode claim : topic.get("claims")) {
            if (claim.get("round").asInt() == topic.get("round").asInt() && claim.get("coClaimantOrgIds").toString().contains("\"" + org + "\"")
                    && List.of("SUBMITTED", "AWARDED").contains(claim.get("status").asString())) {
                return claim.get("claimId").asString();
            }
        }
        return null;
    }

    private static JsonNode claimOf(JsonNode topic, String claimId) {
        for (JsonNode claim : topic.get("claims")) {
            if (claimId.equals(claim.get("claimId").asString())) {
                return claim;
            }
        }
        return null;
    }

    void award(String topicId, String poster, String claimId, String lead) {
        api.post("/api/topics/" + topicId + "/claims/" + claimId + "/award", poster, null).expect(202);
        api.awaitTopic(topicId, poster, t -> lead.equals(text(t, "leadOrgId")));
    }

    void report(String topicId, String org, int percent) {
        // A co-claimant that has just joined the team may reach dispatch a moment after the board shows it.
        Api.Response[] answer = new Api.Response[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    answer[0] = api.postEventually("/api/topics/" + topicId + "/progress", org,
                            Map.of("percent", percent, "note", "进展 " + percent + "%"));
                    return !answer[0].type().endsWith("/not-on-the-team");
                });
        answer[0].expect(201);
        api.awaitTopic(topicId, org, t -> t.get("progress") != null && !t.get("progress").isNull()
                && t.get("progress").get("percent").asInt() == percent);
    }

    void submit(String topicId, String lead) {
        api.postEventually("/api/topics/" + topicId + "/resolution", lead, Map.of("summary", "已办结", "evidence", "验收材料"))
                .expect(201);
        api.awaitStatus(topicId, lead, "RESOLUTION_SUBMITTED");
    }

    void accept(String topicId, String poster) {
        api.post("/api/topics/" + topicId + "/resolution/accept", poster, null).expect(202);
        api.awaitStatus(topicId, poster, "RESOLVED");
    }

    void reject(String topicId, String poster, String reason) {
        api.post("/api/topics/" + topicId + "/resolution/reject", poster, Map.of("reason", reason)).expect(202);
        api.awaitTopic(topicId, poster, t -> "REJECTED".equals(t.get("resolution").get("status").asString()));
    }

    /** Votes once through each of fresh one-time links (a second use is refused), and waits until all are counted. */
    void vote(String topicId, String poster, List<String> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        JsonNode links = api.post("/api/topics/" + topicId + "/evaluation-links", poster, Map.of("count", verdicts.size()))
                .expect(201).body().get("links");
        for (int i = 0; i < verdicts.size(); i++) {
            String token = links.get(i).get("token").asString();
            assertThat(token.length()).as("a token of 256 random bits").isGreaterThanOrEqualTo(43);
            api.post("/api/evaluations/" + token, null, Map.of("verdict", verdicts.get(i))).expect(201);
            api.post("/api/evaluations/" + token, null, Map.of("verdict", verdicts.get(i))).expect(409);
        }
        api.awaitTopic(topicId, poster, t -> types(t).stream().filter("EvaluationVoteCast"::equals).count() >= verdicts.size()
                && votes(t) == verdicts.size());
    }

    void closeEvaluation(String topicId, String by, String outcome) {
        api.post("/api/topics/" + topicId + "/evaluation/close", by, null).expect(202);
        // A reopened topic is REOPENED only until the claim service opens its next round, so wait for the verdict
        api.awaitTopic(topicId, by, t -> outcome.equals(text(t.path("evaluation"), "outcome"))
                && (outcome.equals("REOPENED") || outcome.equals(text(t, "status"))));
    }

    /** Submit, accept, vote and close: the rest of a topic's life once the work is done. */
    void resolveAndEvaluate(String topicId, String lead, String poster, List<String> verdicts, String outcome) {
        submit(topicId, lead);
        accept(topicId, poster);
        vote(topicId, poster, verdicts);
        closeEvaluation(topicId, poster, outcome);
    }

    static List<String> types(JsonNode topic) {
        List<String> types = new ArrayList<>();
        topic.get("timeline").forEach(entry -> types.add(entry.get("type").asString()));
        return types;
    }

    static String actorOf(JsonNode topic, String type) {
        for (JsonNode entry : topic.get("timeline")) {
            if (type.equals(entry.get("type").asString())) {
                return entry.get("actorOrgId").asString();
            }
        }
        return null;
    }

    static String claimStatus(JsonNode topic, String claimId) {
        for (JsonNode claim : topic.get("claims")) {
            if (claimId.equals(claim.get("claimId").asString())) {
                return claim.get("status").asString();
            }
        }
        return null;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static int votes(JsonNode topic) {
        JsonNode evaluation = topic.get("evaluation");
        if (evaluation == null || evaluation.isNull()) {
            return -1;
        }
        return evaluation.get("satisfied").asInt() + evaluation.get("basicallySatisfied").asInt()
                + evaluation.get("dissatisfied").asInt();
    }
}
