package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One topic's whole life in each direction of the board, through the gateway, across the services
 * running as separate processes: post, publish, claim, award, report, resolve, accept, evaluate, close.
 */
class TopicLifeEndToEndIT {

    static Api api;

    @BeforeAll
    static void stack() {
        api = RunningStack.api();
    }

    @Test
    void aStreetPostsAProblemAndADepartmentSolvesIt() {
        String batchId = api.createOpenBatch("街道出题批次");
        String topicId = postAndPublish("street-01", batchId, "老旧小区加装电梯", "FIRST_COME");
        api.awaitStatus(topicId, "dept-01", "OPEN");

        api.postEventually("/api/topics/" + topicId + "/claims", "dept-01", Map.of("coClaimantOrgIds", List.of("dept-02"),
                "plan", "住建牵头、规划配合", "committedDate", api.now().plusDays(40).toString())).expect(201);
        JsonNode awarded = api.awaitStatus(topicId, "street-01", "AWARDED");
        assertThat(awarded.get("award").get("leadOrgId").asString()).isEqualTo("dept-01");
        assertThat(awarded.get("coClaimantOrgIds").get(0).asString()).isEqualTo("dept-02");

        api.postEventually("/api/topics/" + topicId + "/progress", "dept-02", Map.of("percent", 40, "note", "完成选址",
                "milestone", "选址")).expect(201);
        JsonNode working = api.awaitStatus(topicId, "street-01", "IN_PROGRESS");
        assertThat(working.get("progress").get("percent").asInt()).isEqualTo(40);

        resolveAndEvaluate(topicId, "dept-01", "street-01", List.of("SATISFIED", "BASICALLY_SATISFIED"), "CLOSED");
        JsonNode closed = api.get("/api/topics/" + topicId, "coordinator").expect(200).body();
        assertThat(types(closed)).containsSubsequence("TopicPosted", "TopicPublished", "ClaimSubmitted", "ClaimAwarded",
                "ProgressReported", "ResolutionSubmitted", "ResolutionAccepted", "EvaluationVoteCast", "EvaluationClosed",
                "TopicClosed");
        assertThat(actorOf(closed, "ProgressReported")).isEqualTo("dept-02");
        assertThat(actorOf(closed, "ResolutionAccepted")).isEqualTo("street-01");
        assertThat(closed.get("evaluation").get("satisfied").asInt()).isEqualTo(1);
        assertThat(closed.get("evaluation").get("basicallySatisfied").asInt()).isEqualTo(1);
    }

    @Test
    void aDepartmentPostsATopicAndAStreetAnswersIt() {
        String batchId = api.createOpenBatch("部门点题批次");
        String topicId = postAndPublish("dept-03", batchId, "网格队伍能力建设", "POSTER_SELECTS");
        api.awaitStatus(topicId, "street-01", "OPEN");

        String committed = api.now().plusDays(30).toString();
        api.postEventually("/api/topics/" + topicId + "/claims", "dept-04", Map.of("plan", "部门不能答部门的题",
                "committedDate", committed)).expect(403);
        String first = api.postEventually("/api/topics/" + topicId + "/claims", "street-01",
                Map.of("plan", "东湖方案", "committedDate", committed)).expect(201).id();
        String second = api.post("/api/topics/" + topicId + "/claims", "street-02",
                Map.of("plan", "西城方案", "committedDate", committed)).expect(201).id();
        api.awaitTopic(topicId, "dept-03", t -> t.get("claims").size() == 2);
        api.post("/api/topics/" + topicId + "/claims/" + second + "/award", "dept-03", null).expect(202);
        JsonNode awarded = api.awaitTopic(topicId, "dept-03", t -> "AWARDED".equals(t.get("status").asString())
                && "DECLINED".equals(claimStatus(t, first)));
        assertThat(awarded.get("leadOrgId").asString()).isEqualTo("street-02");
        assertThat(claimStatus(awarded, second)).isEqualTo("AWARDED");

        api.postEventually("/api/topics/" + topicId + "/progress", "street-02", Map.of("percent", 70, "note", "培训三期")).expect(201);
        api.awaitStatus(topicId, "dept-03", "IN_PROGRESS");
        resolveAndEvaluate(topicId, "street-02", "dept-03", List.of("SATISFIED"), "CLOSED");
    }

    @Test
    void theGatewayRefusesStrangersAndUnknownIds() {
        assertThat(api.get("/api/topics", null).status()).isEqualTo(401);
        assertThat(api.send("POST", "/api/auth/login", null, Map.of("username", "street-01", "password", "wrong")).status())
                .isEqualTo(401);
        Api.Response unknown = api.get("/api/topics/t-doesnotexist", "street-01").expect(404);
        assertThat(unknown.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private String postAndPublish(String poster, String batchId, String title, String claimMode) {
        String topicId = api.post("/api/topics", poster, Map.of("batchId", batchId, "title", title, "description",
                "居民反映强烈，需要多方协作", "category", "SW-08", "expectedOutcome", "年内见效",
                "dueDate", api.now().plusDays(60).toString(), "priority", "HIGH", "claimMode", claimMode,
                "maxCoClaimants", 2)).expect(201).id();
        api.awaitStatus(topicId, poster, "DRAFT");
        api.post("/api/topics/" + topicId + "/publish", poster, null).expect(202);
        return topicId;
    }

    private void resolveAndEvaluate(String topicId, String lead, String poster, List<String> verdicts, String outcome) {
        api.postEventually("/api/topics/" + topicId + "/resolution", lead, Map.of("summary", "已办结", "evidence", "验收材料")).expect(201);
        api.awaitStatus(topicId, poster, "RESOLUTION_SUBMITTED");
        api.post("/api/topics/" + topicId + "/resolution/accept", poster, null).expect(202);
        api.awaitStatus(topicId, poster, "RESOLVED");
        JsonNode links = api.post("/api/topics/" + topicId + "/evaluation-links", poster, Map.of("count", verdicts.size()))
                .expect(201).body().get("links");
        for (int i = 0; i < verdicts.size(); i++) {
            String token = links.get(i).get("token").asString();
            assertThat(token.length()).isGreaterThanOrEqualTo(43);
            api.post("/api/evaluations/" + token, null, Map.of("verdict", verdicts.get(i))).expect(201);
            api.post("/api/evaluations/" + token, null, Map.of("verdict", verdicts.get(i))).expect(409);
        }
        api.awaitTopic(topicId, poster, t -> t.get("timeline").size() > 0
                && types(t).stream().filter("EvaluationVoteCast"::equals).count() == verdicts.size());
        api.post("/api/topics/" + topicId + "/evaluation/close", poster, null).expect(202);
        api.awaitStatus(topicId, poster, outcome);
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

}
