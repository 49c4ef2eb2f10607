package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Appeals of an unfair decision (申诉复核, docs/rules.md) across the running services: the lead appeals a rejection or a
 * reopening once, within its window; only a coordinator rules; an overturned decision changes the topic's state, the
 * batch's rates and the leaderboard, and the timeline keeps every step.
 */
class AppealsEndToEndIT {

    static Api api;
    static Board board;

    @BeforeAll
    static void stack() {
        api = RunningStack.api();
        board = new Board(api);
    }

    @Test
    void aRejectionOverturnedOnAppealResolvesTheTopicAndCountsOnTheBoard() {
        String batchId = api.createOpenBatch("申诉退回批次");
        String topic = board.postAndPublish("street-10", batchId, "小区门口积水整治", "FIRST_COME", 0, 60);
        board.claimAndAwait(topic, "dept-30");
        board.submit(topic, "dept-30");
        board.reject(topic, "street-10", "照片看不清");
        assertThat(api.get("/api/batches/" + batchId + "/stats", "coordinator").expect(200).body()
                .get("overall").get("resolution").get("numerator").asInt()).isZero();

        Api.Response stranger = api.post("/api/topics/" + topic + "/appeals", "dept-31", Map.of("reason", "不公"), "zh-CN").expect(403);
        assertThat(stranger.type()).endsWith("/only-the-lead-appeals");
        assertThat(stranger.body().get("detail").asString()).contains("dept-30").contains("牵头单位");
        String appealId = api.post("/api/topics/" + topic + "/appeals", "dept-30",
                Map.of("reason", "照片已附高清原图", "evidence", "原图链接")).expect(201).id();
        assertThat(api.post("/api/topics/" + topic + "/appeals", "dept-30", Map.of("reason", "再申诉")).expect(409).type())
                .endsWith("/already-appealed");
        api.awaitTopic(topic, "dept-30", t -> Board.types(t).contains("AppealLodged"));
        Api.Response resubmit = api.post("/api/topics/" + topic + "/resolution", "dept-30", Map.of("summary", "再报")).expect(409);
        assertThat(resubmit.type()).endsWith("/appeal-pending");

        String decision = "/api/topics/" + topic + "/appeals/" + appealId + "/decision";
        Api.Response byPoster = api.post(decision, "street-10", Map.of("ruling", "UPHELD", "reason", "维持"), "en").expect(403);
        assertThat(byPoster.type()).endsWith("/coordinator-only");
        assertThat(byPoster.body().get("detail").asString()).isEqualTo("only a coordinator rules on an appeal");
        api.post(decision, "coordinator", Map.of("ruling", "OVERTURNED", "reason", "原图清楚，办结属实")).expect(202);
        assertThat(api.post(decision, "coordinator", Map.of("ruling", "UPHELD", "reason", "再议")).expect(409).type())
                .endsWith("/appeal-already-decided");

        JsonNode resolved = api.awaitStatus(topic, "street-10", "RESOLVED");
        assertThat(Board.types(resolved)).containsSubsequence("ResolutionRejected", "AppealLodged", "AppealDecided",
                "ResolutionAccepted");
        assertThat(resolved.get("resolution").get("onTime").asBoolean()).as("rejected before its due date").isTrue();
        JsonNode overall = api.get("/api/batches/" + batchId + "/stats", "coordinator").expect(200).body().get("overall");
        assertThat(overall.get("resolution").get("numerator").asInt()).isEqualTo(1);
        assertThat(overall.get("onTime").get("numerator").asInt()).isEqualTo(1);
        JsonNode lead = entryOf(batchId, "dept-30");
        assertThat(lead.get("resolvedTopics").asInt()).isEqualTo(1);
        assertThat(lead.get("overturnedAppeals").asInt()).isEqualTo(1);
        // The evaluation opened as for any acceptance
        board.vote(topic, "street-10", List.of("SATISFIED"));
        board.closeEvaluation(topic, "street-10", "CLOSED");
    }

    @Test
    void aReopeningOverturnedOnAppealClosesTheTopicForItsTeamAndSetsItsVotesAside() {
        String batchId = api.createOpenBatch("申诉重新揭榜批次");
        String topic = board.postAndPublish("street-11", batchId, "菜市场噪音扰民", "POSTER_SELECTS", 0, 60);
        String claim = board.claim(topic, "dept-32");
        board.award(topic, "street-11", claim, "dept-32");
        board.resolveAndEvaluate(topic, "dept-32", "street-11", List.of("DISSATISFIED", "DISSATISFIED", "SATISFIED"), "REOPENED");
        api.awaitTopic(topic, "coordinator", t -> t.get("round").asInt() == 2 && "OPEN".equals(t.get("status").asString()));
        assertThat(api.get("/api/batches/" + batchId + "/stats", "coordinator").expect(200).body()
                .get("overall").get("satisfaction").get("denominator").asInt()).isEqualTo(3);

        // A reopening is appealed once its new round has opened where resolution keeps the topic
        Api.Response[] appealed = new Api.Response[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            appealed[0] = api.post("/api/topics/" + topic + "/appeals", "dept-32", Map.of("reason", "投票居民并非受益小区"));
            return !appealed[0].type().endsWith("/nothing-to-appeal");
        });
        String appealId = appealed[0].expect(201).id();
        api.awaitTopic(topic, "street-11", t -> Board.types(t).contains("AppealLodged"));
        // The new round takes bids, but nobody is awarded it while the appeal waits
        String rival = board.claim(topic, "dept-33");
        Api.Response award = api.post("/api/topics/" + topic + "/claims/" + rival + "/award", "street-11", null, "zh-CN");
        assertThat(award.status()).isEqualTo(409);
        assertThat(award.type()).endsWith("/appeal-pending");
        assertThat(award.body().get("detail").asString()).contains("申诉");

        api.post("/api/topics/" + topic + "/appeals/" + appealId + "/decision", "coordinator",
                Map.of("ruling", "OVERTURNED", "reason", "评议对象有误")).expect(202);
        JsonNode closed = api.awaitTopic(topic, "street-11", t -> "CLOSED".equals(t.get("status").asString())
                && "DECLINED".equals(Board.claimStatus(t, rival)));
        assertThat(Board.types(closed)).containsSubsequence("EvaluationClosed", "AppealLodged", "AppealDecided", "TopicClosed");

        JsonNode overall = api.get("/api/batches/" + batchId + "/stats", "coordinator").expect(200).body().get("overall");
        assertThat(overall.get("resolution").get("numerator").asInt()).as("resolved by the appealed round's team").isEqualTo(1);
        assertThat(overall.get("satisfaction").get("denominator").asInt()).as("the appealed evaluation's votes set aside").isZero();
        JsonNode lead = entryOf(batchId, "dept-32");
        assertThat(lead.get("resolvedTopics").asInt()).isEqualTo(1);
        assertThat(lead.get("overturnedAppeals").asInt()).isEqualTo(1);
        assertThat(entryOf(batchId, "dept-33")).as("the rival never led it").isNull();
    }

    @Test
    void anUpheldAppealChangesNothingAndAnAppealAfterItsWindowIsRefusedInTheAskersLanguage() {
        String batchId = api.createOpenBatch("申诉期批次");
        String upheld = board.postAndPublish("street-12", batchId, "路口信号灯配时", "FIRST_COME", 0, 60);
        board.claimAndAwait(upheld, "dept-34");
        board.submit(upheld, "dept-34");
        board.reject(upheld, "street-12", "高峰仍拥堵");
        String appealId = api.post("/api/topics/" + upheld + "/appeals", "dept-34", Map.of("reason", "已优化配时")).expect(201).id();
        api.post("/api/topics/" + upheld + "/appeals/" + appealId + "/decision", "coordinator",
                Map.of("ruling", "UPHELD", "reason", "高峰拥堵属实")).expect(202);
        JsonNode after = api.awaitTopic(upheld, "dept-34", t -> Board.types(t).contains("AppealDecided"));
        assertThat(after.get("status").asString()).isEqualTo("IN_PROGRESS");
        board.submit(upheld, "dept-34");

        String late = board.postAndPublish("street-12", batchId, "公交站台遮阳棚", "FIRST_COME", 0, 60);
        board.claimAndAwait(late, "dept-35");
        board.submit(late, "dept-35");
        board.reject(late, "street-12", "未完工");
        api.advanceClocks(Duration.ofDays(5).plusMinutes(1));
        Api.Response zh = api.post("/api/topics/" + late + "/appeals", "dept-35", Map.of("reason", "已完工"), "zh-CN").expect(409);
        assertThat(zh.type()).endsWith("/appeal-window-passed");
        assertThat(zh.body().get("detail").asString()).startsWith("申诉期已过");
        Api.Response en = api.post("/api/topics/" + late + "/appeals", "dept-35", Map.of("reason", "done"), "en").expect(409);
        assertThat(en.body().get("detail").asString()).startsWith("the decision could be appealed until");
        Api.Response blank = api.post("/api/topics/" + late + "/appeals", "dept-35", Map.of("reason", " "), "zh-CN").expect(400);
        assertThat(blank.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(Board.types(api.get("/api/topics/" + late, "dept-35").expect(200).body())).doesNotContain("AppealLodged");
        assertThat(entryOf(batchId, "dept-34").get("overturnedAppeals").asInt()).isZero();
    }

    /** The batch's leaderboard entry of an organisation, or null when it has none. */
    private static JsonNode entryOf(String batchId, String orgId) {
        JsonNode board = api.get("/api/batches/" + batchId + "/leaderboard", "coordinator").expect(200).body();
        return StreamSupport.stream(board.get("entries").spliterator(), false)
                .filter(entry -> orgId.equals(entry.get("orgId").asString())).findFirst().orElse(null);
    }
}
