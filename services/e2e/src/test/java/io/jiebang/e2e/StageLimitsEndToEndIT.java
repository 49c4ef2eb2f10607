package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A time limit on every stage a topic waits in for someone other than its team (docs/rules.md, stage limits), across
 * the running services and with the clock moved: bids waiting for the poster's award, a resolution waiting for the
 * verdict, an accepted one waiting for evaluation links, an unclaimed topic waiting for the coordinator. Each limit
 * waited raises the next level, up to district leadership; the stage moving on clears it.
 */
class StageLimitsEndToEndIT {

    static Api api;
    static Board board;

    @BeforeAll
    static void stack() {
        api = RunningStack.api();
        board = new Board(api);
    }

    @Test
    void everyStageThatWaitsTooLongIsRaisedLevelByLevelAndClearedWhenItMovesOn() {
        String batchId = api.createOpenBatch("环节时限批次", Map.of("awardLimitDays", 2, "verdictLimitDays", 1,
                "evaluationLinksLimitDays", 1, "assignmentLimitDays", 1));
        // A department's topic with a street's bid, for the department to choose
        String award = board.postAndPublish("dept-41", batchId, "社区文化活动共建", "POSTER_SELECTS", 0, 60);
        String bid = board.claim(award, "street-05");
        // A resolution the poster does not decide on
        String verdict = board.postAndPublish("street-06", batchId, "背街小巷路灯维修", "FIRST_COME", 0, 60);
        board.claimAndAwait(verdict, "dept-42");
        board.submit(verdict, "dept-42");
        // An accepted resolution without evaluation links
        String links = board.postAndPublish("street-07", batchId, "农贸市场排水改造", "FIRST_COME", 0, 60);
        board.claimAndAwait(links, "dept-43");
        board.submit(links, "dept-43");
        board.accept(links, "street-07");
        // A topic nobody claims
        String assignment = board.postAndPublish("street-08", batchId, "老旧小区屋顶防水", "FIRST_COME", 0, 60);
        api.post("/api/batches/" + batchId + "/close-claiming", "coordinator", null).expect(202);
        api.awaitStatus(assignment, "coordinator", "UNCLAIMED");
        api.awaitStatus(award, "coordinator", "OPEN");

        // One day: the one-day stages remind whoever must act; the two-day award limit has not run out
        api.advanceClocks(Duration.ofDays(1).plusMinutes(1));
        JsonNode first = awaitEscalations(batchId, rows -> levels(rows, verdict, links, assignment).equals(List.of(1, 1, 1)));
        assertThat(reasonOf(first, verdict)).isEqualTo("VERDICT_OVERDUE");
        assertThat(reasonOf(first, links)).isEqualTo("EVALUATION_LINKS_OVERDUE");
        assertThat(reasonOf(first, assignment)).isEqualTo("ASSIGNMENT_OVERDUE");
        assertThat(rowsOf(first, award)).as("bids may wait two days for the award").isEmpty();
        JsonNode unassigned = rowsOf(first, assignment).get(0);
        assertThat(unassigned.path("leadOrgId").isMissingNode() || unassigned.path("leadOrgId").isNull())
                .as("an unclaimed topic has no lead to blame").isTrue();
        assertThat(unassigned.get("since").asString()).isNotBlank();
        assertThat(unassigned.get("waitedHours").asLong()).as("the breach's age").isGreaterThanOrEqualTo(24);
        assertThat(rowsOf(first, verdict).get(0).get("leadOrgId").asString()).isEqualTo("dept-42");

        // Two days: the coordinator; the award's first limit has run out
        api.advanceClocks(Duration.ofDays(1));
        awaitEscalations(batchId, rows -> levels(rows, verdict, links, assignment, award).equals(List.of(2, 2, 2, 1)));
        // Three days: district leadership, the award still at its first level
        api.advanceClocks(Duration.ofDays(1));
        JsonNode third = awaitEscalations(batchId, rows -> levels(rows, verdict, links, assignment, award).equals(List.of(3, 3, 3, 1)));
        assertThat(reasonOf(third, award)).isEqualTo("AWARD_OVERDUE");
        assertThat(rowsOf(third, verdict).get(0).get("waitedHours").asLong()).isGreaterThanOrEqualTo(72);
        JsonNode leadership = api.get("/api/escalations?batch=" + batchId + "&level=3", "coordinator").expect(200).body();
        assertThat(topicsOf(leadership)).containsExactlyInAnyOrder(verdict, links, assignment);
        JsonNode leadersOwn = api.get("/api/escalations?batch=" + batchId + "&level=3", "leader").expect(200).body();
        assertThat(topicsOf(leadersOwn)).as("district leadership reads what is escalated to it").containsExactlyInAnyOrder(verdict,
                links, assignment);
        assertThat(api.post("/api/topics/" + assignment + "/assign", "leader", Map.of("orgId", "dept-44")).status())
                .as("leadership reads, the coordinator assigns").isEqualTo(403);
        assertThat(api.get("/api/topics/" + verdict, "coordinator").expect(200).body().get("escalationLevel").asInt()).isEqualTo(3);

        // Each stage moving on clears what it raised
        board.award(award, "dept-41", bid, "street-05");
        board.accept(verdict, "street-06");
        api.post("/api/topics/" + links + "/evaluation-links", "street-07", Map.of("count", 1)).expect(201);
        api.postEventually("/api/topics/" + assignment + "/assign", "coordinator", Map.of("orgId", "dept-44")).expect(202);
        awaitEscalations(batchId, rows -> rows.isEmpty());
        assertThat(api.get("/api/topics/" + verdict, "coordinator").expect(200).body().get("timeline").toString())
                .contains("STAGE_MOVED_ON");

        // The verdict began the next stage: it waits for links from the acceptance on, so it is raised again a day later
        api.advanceClocks(Duration.ofDays(1).plusMinutes(1));
        JsonNode next = awaitEscalations(batchId, rows -> !rowsOf(rows, verdict).isEmpty());
        assertThat(reasonOf(next, verdict)).isEqualTo("EVALUATION_LINKS_OVERDUE");
        assertThat(rowsOf(next, links)).as("its links were issued").isEmpty();
        assertThat(rowsOf(next, assignment)).as("an assigned topic reports on its own schedule (weekly)").isEmpty();
    }

    @Test
    void aNewRoundNobodyClaimsWithinItsWindowIsUnclaimedAndTheCoordinatorAssignsIt() {
        String batchId = api.createOpenBatch("新一轮认领批次", Map.of("newRoundClaimDays", 1, "assignmentLimitDays", 2));
        String topic = board.postAndPublish("street-09", batchId, "口袋公园改造", "FIRST_COME", 0, 60);
        String claim = board.claim(topic, "dept-45");
        api.awaitTopic(topic, "dept-45", t -> "dept-45".equals(Board.text(t, "leadOrgId")));
        api.postEventually("/api/topics/" + topic + "/claims/" + claim + "/withdraw", "dept-45", Map.of("reason", "力量不足"))
                .expect(202);
        api.awaitTopic(topic, "coordinator", t -> t.get("round").asInt() == 2 && "OPEN".equals(t.get("status").asString()));

        api.advanceClocks(Duration.ofDays(1).plusMinutes(1));
        JsonNode unclaimed = api.awaitStatus(topic, "coordinator", "UNCLAIMED");
        assertThat(unclaimed.get("round").asInt()).isEqualTo(2);
        Api.Response late = api.post("/api/topics/" + topic + "/claims", "dept-46", Map.of("coClaimantOrgIds", List.of(),
                "plan", "补位实施", "committedDate", api.now().plusDays(30).toString())).expect(409);
        assertThat(late.type()).endsWith("/topic-not-open");
        api.post("/api/topics/" + topic + "/assign", "coordinator", Map.of("orgId", "dept-46")).expect(202);
        api.awaitTopic(topic, "coordinator", t -> "dept-46".equals(Board.text(t, "leadOrgId")) && t.get("round").asInt() == 2);
    }

    @Test
    void aStageLimitOutOfRangeIsRefusedInTheAskersLanguageAndNoBatchIsPlanned() {
        Map<String, Object> plan = new HashMap<>(Map.of("name", "时限越界批次", "opensAt", api.now().toString(),
                "claimDeadline", api.now().plusDays(14).toString(), "dueDate", api.now().plusDays(90).toString(),
                "reportingPeriodDays", 7, "verdictLimitDays", 0));
        Api.Response zh = api.post("/api/batches", "coordinator", plan, "zh-CN").expect(400);
        assertThat(zh.type()).endsWith("/stage-limit-out-of-range");
        assertThat(zh.body().get("detail").asString()).isEqualTo("环节时限应为 1 到 90 天");
        assertThat(zh.body().get("errors").get(0).get("field").asString()).isEqualTo("verdictLimitDays");
        plan.put("verdictLimitDays", 5);
        plan.put("assignmentLimitDays", 91);
        Api.Response en = api.post("/api/batches", "coordinator", plan, "en").expect(400);
        assertThat(en.body().get("detail").asString()).isEqualTo("a stage limit is 1 to 90 days");
        assertThat(en.body().get("errors").get(0).get("field").asString()).isEqualTo("assignmentLimitDays");
        assertThat(api.get("/api/batches", "coordinator").expect(200).body().toString()).doesNotContain("时限越界批次");
    }

    /** Waits until the batch's open reminders and escalations pass the check, and answers them. */
    private static JsonNode awaitEscalations(String batchId, Predicate<JsonNode> check) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            last[0] = api.get("/api/escalations?batch=" + batchId, "coordinator").expect(200).body();
            assertThat(check.test(last[0])).as("escalations of the batch: %s", last[0]).isTrue();
        });
        return last[0];
    }

    /** The highest open level of each topic, in the order asked (0 when none is open). */
    private static List<Integer> levels(JsonNode rows, String... topics) {
        return java.util.Arrays.stream(topics).map(topic -> rowsOf(rows, topic).stream()
                .mapToInt(row -> row.get("level").asInt()).max().orElse(0)).toList();
    }

    private static List<JsonNode> rowsOf(JsonNode rows, String topic) {
        return StreamSupport.stream(rows.spliterator(), false).filter(row -> topic.equals(row.get("topicId").asString())).toList();
    }

    private static String reasonOf(JsonNode rows, String topic) {
        return rowsOf(rows, topic).stream().map(row -> row.get("reason").asString()).distinct().reduce((a, b) -> a + "," + b).orElse("");
    }

    private static List<String> topicsOf(JsonNode rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(row -> row.get("topicId").asString()).distinct().toList();
    }
}
