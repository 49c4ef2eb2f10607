package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
    static Board board;

    @BeforeAll
    static void stack() {
        api = RunningStack.api();
        board = new Board(api);
    }

    @Test
    void aStreetPostsAProblemAndADepartmentSolvesIt() {
        String batchId = api.createOpenBatch("街道出题批次");
        String topicId = board.postAndPublish("street-01", batchId, "老旧小区加装电梯", "FIRST_COME", 2, 60);

        String claimId = board.claim(topicId, "dept-01", "dept-02");
        JsonNode awarded = api.awaitStatus(topicId, "street-01", "AWARDED");
        assertThat(awarded.get("award").get("leadOrgId").asString()).isEqualTo("dept-01");
        assertThat(awarded.get("coClaimantOrgIds")).as("dept-02 has not accepted its place yet").isEmpty();
        assertThat(api.post("/api/topics/" + topicId + "/progress", "dept-02", Map.of("percent", 10, "note", "抢先")).status())
                .as("not on the team before accepting").isEqualTo(403);
        assertThat(api.post("/api/topics/" + topicId + "/claims/" + claimId + "/accept-place", "dept-03", null).type())
                .endsWith("/not-a-named-co-claimant");
        board.acceptPlaces(topicId, "dept-02");
        assertThat(api.awaitTopic(topicId, "street-01", t -> t.get("coClaimantOrgIds").size() == 1).get("coClaimantOrgIds")
                .get(0).asString()).isEqualTo("dept-02");
        assertThat(api.post("/api/topics/" + topicId + "/claims/" + claimId + "/decline-place", "dept-02", null).type())
                .endsWith("/place-already-decided");

        board.report(topicId, "dept-02", 40);
        assertThat(api.awaitStatus(topicId, "street-01", "IN_PROGRESS").get("progressPercent").asInt()).isEqualTo(40);

        board.resolveAndEvaluate(topicId, "dept-01", "street-01", List.of("SATISFIED", "BASICALLY_SATISFIED"), "CLOSED");
        JsonNode closed = api.get("/api/topics/" + topicId, "coordinator").expect(200).body();
        assertThat(Board.types(closed)).containsSubsequence("TopicPosted", "TopicPublished", "ClaimSubmitted", "ClaimAwarded",
                "ProgressReported", "ResolutionSubmitted", "ResolutionAccepted", "EvaluationVoteCast", "EvaluationClosed",
                "TopicClosed");
        assertThat(Board.actorOf(closed, "ProgressReported")).isEqualTo("dept-02");
        assertThat(Board.actorOf(closed, "ResolutionAccepted")).isEqualTo("street-01");
        assertThat(closed.get("evaluation").get("satisfied").asInt()).isEqualTo(1);
        assertThat(closed.get("evaluation").get("basicallySatisfied").asInt()).isEqualTo(1);
    }

    @Test
    void aDepartmentPostsATopicAndAStreetAnswersIt() {
        String batchId = api.createOpenBatch("部门点题批次");
        String topicId = board.postAndPublish("dept-03", batchId, "网格队伍能力建设", "POSTER_SELECTS", 2, 60);

        String committed = api.now().plusDays(30).toString();
        api.postEventually("/api/topics/" + topicId + "/claims", "dept-04", Map.of("plan", "部门不能答部门的题",
                "committedDate", committed)).expect(403);
        String first = board.claim(topicId, "street-01");
        String second = board.claim(topicId, "street-02");
        api.awaitTopic(topicId, "dept-03", t -> t.get("claims").size() == 2);
        board.award(topicId, "dept-03", second, "street-02");
        JsonNode awarded = api.awaitTopic(topicId, "dept-03", t -> "DECLINED".equals(Board.claimStatus(t, first)));
        assertThat(Board.claimStatus(awarded, second)).isEqualTo("AWARDED");

        board.report(topicId, "street-02", 70);
        board.resolveAndEvaluate(topicId, "street-02", "dept-03", List.of("SATISFIED"), "CLOSED");
    }

    @Test
    void aRefusalIsWordedInTheAskersLanguage() {
        String batchId = api.createOpenBatch("语言批次");
        String topicId = board.postAndPublish("street-03", batchId, "背街小巷照明改造", "FIRST_COME", 1, 60);
        Map<String, Object> tooManyCoClaimants = Map.of("coClaimantOrgIds", List.of("dept-06", "dept-07"),
                "plan", "两家协同", "committedDate", api.now().plusDays(30).toString());
        String claims = "/api/topics/" + topicId + "/claims";

        Api.Response inChinese = api.postEventually(claims, "dept-05", tooManyCoClaimants, "zh-CN,zh;q=0.9,en;q=0.8").expect(400);
        Api.Response inEnglish = api.postEventually(claims, "dept-05", tooManyCoClaimants).expect(400);

        for (Api.Response answer : List.of(inChinese, inEnglish)) {
            assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.type()).isEqualTo("https://jiebang.io/problems/too-many-co-claimants");
            assertThat(answer.body().get("errors").get(0).get("field").asString()).isEqualTo("coClaimantOrgIds");
        }
        assertThat(inChinese.body().get("detail").asString()).isEqualTo("此榜单最多允许 1 家协同单位");
        assertThat(inChinese.body().get("errors").get(0).get("message").asString()).isEqualTo("此榜单最多允许 1 家协同单位");
        assertThat(inEnglish.body().get("errors").get(0).get("message").asString())
                .isEqualTo("this topic allows at most 1 co-claimants");
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
}
