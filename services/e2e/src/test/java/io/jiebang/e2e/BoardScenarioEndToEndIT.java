package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.jiebang.examples.rates.RatesFromEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A whole campaign through the gateway: two batches, 22 topics in both directions, both claim modes, a
 * group claim, a withdrawn award, a withdrawn topic, a rejected resolution, reminders and escalations
 * reached by moving the clock, a reopen under two thirds, an unclaimed topic assigned by the coordinator.
 * Then the rates and the leaderboard are checked against what this test counts from what it did.
 */
class BoardScenarioEndToEndIT {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    final Api api = RunningStack.api();
    final Board board = new Board(api);
    /** What this test knows about each topic it made, to count the rates on its own. */
    final Map<String, Expected> expected = new LinkedHashMap<>();

    static final class Expected {
        final String batch;
        String lead;
        List<String> coClaimants = List.of();
        boolean awardedThroughClaim;
        boolean everAwarded;
        boolean resolved;
        boolean pastDueAtTheEnd;
        boolean unrated;
        final List<String> votes = new ArrayList<>();

        Expected(String batch) {
            this.batch = batch;
        }
    }

    @Test
    void aCampaignOfTwoBatchesCountsWhatHappened() {
        String a = api.createOpenBatch("第二批·A");
        String b = api.createOpenBatch("第二批·B");

        // Batch A: streets' problems claimed first come by departments
        String[] first = new String[6];
        for (int i = 0; i < 6; i++) {
            first[i] = post("street-0" + (1 + i % 3), a, "A" + (i + 1) + " 街道问题", "FIRST_COME", 0, i == 4 ? 10 : 60);
        }
        for (int i = 0; i < 5; i++) {
            claimed(first[i], "dept-1" + i);
        }
        // A1..A3 closed satisfied; A4 reopened under two thirds; A5 stays in progress (due in 10 days)
        evaluate(first[0], List.of("SATISFIED", "SATISFIED"), "CLOSED");
        evaluate(first[1], List.of("SATISFIED", "BASICALLY_SATISFIED"), "CLOSED");
        evaluate(first[2], List.of("SATISFIED"), "CLOSED");
        evaluate(first[3], List.of("SATISFIED", "DISSATISFIED", "DISSATISFIED"), "REOPENED");
        JsonNode reopened = api.awaitTopic(first[3], "coordinator", t -> "OPEN".equals(t.get("status").asString()));
        assertThat(reopened.get("round").asInt()).isEqualTo(2);
        assertThat(reopened.get("timeline").toString()).contains("TopicReopened", "RoundOpened");
        board.report(first[4], "dept-14", 20);

        // Departments' topics answered by streets, the poster choosing among bids
        String[] chosen = new String[3];
        for (int i = 0; i < 3; i++) {
            chosen[i] = post("dept-20", a, "A" + (7 + i) + " 部门点题", "POSTER_SELECTS", 1, 60);
        }
        String bid7 = board.claim(chosen[0], "street-04");
        String bid7b = board.claim(chosen[0], "street-05");
        api.awaitTopic(chosen[0], "dept-20", t -> t.get("claims").size() == 2);
        board.award(chosen[0], "dept-20", bid7b, "street-05");
        awarded(chosen[0], "street-05", List.of(), true);
        assertThat(Board.claimStatus(api.awaitTopic(chosen[0], "dept-20", t -> "DECLINED".equals(Board.claimStatus(t, bid7))),
                bid7b)).isEqualTo("AWARDED");
        evaluate(chosen[0], List.of("BASICALLY_SATISFIED", "BASICALLY_SATISFIED"), "CLOSED");
        String bid8 = board.claim(chosen[1], "street-06", "street-07");
        board.acceptPlaces(chosen[1], "street-07");
        board.award(chosen[1], "dept-20", bid8, "street-06");
        awarded(chosen[1], "street-06", List.of("street-07"), true);
        board.report(chosen[1], "street-07", 35);
        board.claim(chosen[2], "street-08");
        api.post("/api/topics/" + chosen[2] + "/withdraw", "dept-20", Map.of("reason", "并入下一批")).expect(202);
        api.awaitStatus(chosen[2], "dept-20", "WITHDRAWN");

        // A group claim (组团认领): a lead with two co-claimants; credit is shared
        String group = post("street-02", a, "A10 小区停车难", "FIRST_COME", 2, 60);
        board.claimAndAwait(group, "dept-11", "dept-12", "dept-13");
        board.acceptPlaces(group, "dept-12", "dept-13");
        awarded(group, "dept-11", List.of("dept-12", "dept-13"), true);
        board.report(group, "dept-13", 60);
        evaluate(group, List.of("SATISFIED", "SATISFIED", "DISSATISFIED"), "CLOSED");

        // An award given back opens a new round, won by another department
        String givenBack = post("street-03", a, "A11 噪音扰民", "FIRST_COME", 0, 60);
        String firstClaim = board.claim(givenBack, "dept-15");
        api.awaitTopic(givenBack, "dept-15", t -> "dept-15".equals(Board.text(t, "leadOrgId")));
        api.postEventually("/api/topics/" + givenBack + "/claims/" + firstClaim + "/withdraw", "dept-15",
                Map.of("reason", "职责不符")).expect(202);
        JsonNode secondRound = api.awaitTopic(givenBack, "street-03", t -> t.get("round").asInt() == 2
                && "OPEN".equals(t.get("status").asString()));
        assertThat(secondRound.get("timeline").toString()).contains("AwardWithdrawn");
        claimed(givenBack, "dept-16");
        evaluate(givenBack, List.of("SATISFIED"), "CLOSED");

        // A rejected resolution goes back to work, then is accepted; its evaluation window will end by itself
        String rejected = post("dept-21", a, "A12 社区议事", "FIRST_COME", 0, 60);
        board.claimAndAwait(rejected, "street-09");
        awarded(rejected, "street-09", List.of(), true);
        board.submit(rejected, "street-09");
        board.reject(rejected, "dept-21", "缺少居民签字");
        api.awaitStatus(rejected, "dept-21", "IN_PROGRESS");
        board.submit(rejected, "street-09");
        board.accept(rejected, "dept-21");
        // No vote comes before its window ends: below the quorum it closes unrated, still resolved (docs/rules.md)
        expected.get(rejected).resolved = true;
        expected.get(rejected).unrated = true;

        // A6 is never claimed: it becomes UNCLAIMED when claiming closes, and the coordinator assigns it
        String unclaimed = first[5];

        // Batch B: five first-come problems, three bids chosen by departments, two nobody claims
        List<String> bTopics = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String topic = post("street-1" + (i % 3), b, "B" + i + " 街道问题", "FIRST_COME", 0, 60);
            claimed(topic, "dept-3" + i);
            bTopics.add(topic);
        }
        for (int i = 6; i <= 8; i++) {
            String topic = post("dept-4" + i, b, "B" + i + " 部门点题", "POSTER_SELECTS", 0, 60);
            String bid = board.claim(topic, "street-0" + (i - 5));
            board.award(topic, "dept-4" + i, bid, "street-0" + (i - 5));
            awarded(topic, "street-0" + (i - 5), List.of(), true);
            bTopics.add(topic);
        }
        String b9 = post("street-11", b, "B9 无人认领", "FIRST_COME", 0, 60);
        String b10 = post("street-12", b, "B10 无人认领", "FIRST_COME", 0, 60);
        evaluate(bTopics.get(0), List.of("SATISFIED"), "CLOSED");

        // Eight days later: a week without a report is a reminder (level 1); A12's evaluation window has ended
        // without a vote, so it closes unrated
        api.advanceClocks(Duration.ofDays(8));
        String silent = bTopics.get(1);
        awaitEscalation(silent, 1);
        api.awaitStatus(rejected, "coordinator", "CLOSED_UNRATED");
        // Fifteen days in: two silent periods go to the coordinator (level 2), claiming has closed by its deadline, and
        // A4's second round has passed its claim window (7 days) with nobody claiming it
        api.advanceClocks(Duration.ofDays(7));
        awaitEscalation(silent, 2);
        assertThat(api.awaitStatus(first[3], "coordinator", "UNCLAIMED").get("round").asInt()).isEqualTo(2);
        api.awaitStatus(b9, "coordinator", "UNCLAIMED");
        api.awaitStatus(b10, "coordinator", "UNCLAIMED");
        api.awaitStatus(unclaimed, "coordinator", "UNCLAIMED");
        api.postEventually("/api/topics/" + b9 + "/assign", "coordinator", Map.of("orgId", "dept-49")).expect(202);
        api.awaitStatus(b9, "coordinator", "AWARDED");
        expected.get(b9).everAwarded = true;
        expected.get(b9).lead = "dept-49";
        api.postEventually("/api/topics/" + unclaimed + "/assign", "coordinator", Map.of("orgId", "dept-48")).expect(202);
        api.awaitStatus(unclaimed, "coordinator", "AWARDED");
        expected.get(unclaimed).everAwarded = true;
        expected.get(unclaimed).lead = "dept-48";
        // Eighteen days in: A5, due on day 10 and silent since, is overdue beyond the grace period (level 3)
        api.advanceClocks(Duration.ofDays(3));
        awaitEscalation(first[4], 3);
        expected.get(first[4]).pastDueAtTheEnd = true;
        assertThat(api.get("/api/escalations?batch=" + a + "&level=3", "coordinator").expect(200).body().toString())
                .contains(first[4]);
        // A report clears what is open
        board.report(silent, "dept-32", 50);
        api.awaitTopic(silent, "coordinator", t -> t.get("escalationLevel").asInt() == 0);
        assertThat(api.get("/api/escalations?batch=" + b, "coordinator").expect(200).body().toString()).doesNotContain(silent);

        checkRates(a);
        checkRates(b);
        recountedFromThePublicTopics(a);
        recountedFromThePublicTopics(b);
        everyEventMatchesItsSchema();
        checkLeaderboard(a);
    }

    private String post(String poster, String batch, String title, String mode, int maxCo, int dueInDays) {
        String topic = board.postAndPublish(poster, batch, title, mode, maxCo, dueInDays);
        expected.put(topic, new Expected(batch));
        return topic;
    }

    /** A first-come claim, awarded at once, inside the claim window. */
    private void claimed(String topic, String org) {
        board.claimAndAwait(topic, org);
        awarded(topic, org, List.of(), true);
    }

    private void awarded(String topic, String lead, List<String> coClaimants, boolean throughClaim) {
        Expected e = expected.get(topic);
        e.lead = lead;
        e.coClaimants = coClaimants;
        e.everAwarded = true;
        e.awardedThroughClaim |= throughClaim;
    }

    /** Resolves, accepts and evaluates; under two thirds the topic reopens and is no longer resolved. */
    private void evaluate(String topic, List<String> verdicts, String outcome) {
        Expected e = expected.get(topic);
        board.resolveAndEvaluate(topic, e.lead, posterOf(topic), verdicts, outcome);
        e.votes.addAll(verdicts);
        e.resolved = outcome.equals("CLOSED");
    }

    private String posterOf(String topic) {
        return api.get("/api/topics/" + topic, "coordinator").expect(200).body().get("posterOrgId").asString();
    }

    private void awaitEscalation(String topic, int level) {
        api.awaitTopic(topic, "coordinator", t -> t.get("escalationLevel").asInt() == level);
    }

    private void checkRates(String batch) {
        List<Expected> topics = expected.values().stream().filter(e -> e.batch.equals(batch)).toList();
        long opened = topics.size();
        long responded = topics.stream().filter(e -> e.awardedThroughClaim).count();
        long awarded = topics.stream().filter(e -> e.everAwarded).count();
        long resolved = topics.stream().filter(e -> e.resolved).count();
        long pastDue = topics.stream().filter(e -> e.pastDueAtTheEnd).count();
        long votes = topics.stream().mapToLong(e -> e.votes.size()).sum();
        long satisfied = topics.stream().flatMap(e -> e.votes.stream()).filter(v -> !v.equals("DISSATISFIED")).count();

        JsonNode overall = api.get("/api/batches/" + batch + "/stats", "coordinator").expect(200).body().get("overall");
        assertRate(overall, "response", responded, opened);
        assertRate(overall, "resolution", resolved, awarded);
        assertRate(overall, "onTime", resolved, resolved + pastDue);
        assertRate(overall, "satisfaction", satisfied, votes);
        assertThat(overall.get("unratedTopics").asLong()).as("topics closed unrated")
                .isEqualTo(topics.stream().filter(e -> e.unrated).count());
        assertThat(opened).isGreaterThanOrEqualTo(10);
    }

    /**
     * The analytics team's example consumer (examples/rates-consumer), reading only the public topics, finds the stats
     * endpoint's numbers exactly, as of the instant the stats were counted.
     */
    private void recountedFromThePublicTopics(String batch) {
        java.util.Properties connection = new java.util.Properties();
        connection.put("bootstrap.servers", RunningStack.get().kafkaBootstrap());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode stats = api.get("/api/batches/" + batch + "/stats", "coordinator").expect(200).body();
            RatesFromEvents.BatchRates recount = RatesFromEvents.recount(connection, batch,
                    java.time.Instant.parse(stats.get("countedAt").asString()));
            JsonNode overall = stats.get("overall");
            assertThat(recount.topics()).as("topics").isEqualTo(stats.get("topics").asInt());
            assertRate(overall, "response", recount.response().numerator(), recount.response().denominator());
            assertRate(overall, "resolution", recount.resolution().numerator(), recount.resolution().denominator());
            assertRate(overall, "onTime", recount.onTime().numerator(), recount.onTime().denominator());
            assertRate(overall, "satisfaction", recount.satisfaction().numerator(), recount.satisfaction().denominator());
            assertThat(recount.unratedTopics()).as("closed unrated").isEqualTo(overall.get("unratedTopics").asInt());
        });
    }

    /**
     * Every event the services stored (their own, and those of others they recorded), as it goes on the wire, is valid
     * against the JSON Schema published for its type and version (docs/schemas).
     */
    private void everyEventMatchesItsSchema() {
        com.networknt.schema.SchemaRegistry registry = com.networknt.schema.SchemaRegistry.withDefaultDialect(
                com.networknt.schema.SpecificationVersion.DRAFT_2020_12);
        Map<String, com.networknt.schema.Schema> schemas = new HashMap<>();
        Map<String, Long> checked = new java.util.TreeMap<>();
        List<String> invalid = new ArrayList<>();
        try (Stores stores = new Stores(RunningStack.get())) {
            for (io.jiebang.devstack.ServiceSpec spec : io.jiebang.devstack.ServiceSpec.ALL) {
                if (spec == io.jiebang.devstack.ServiceSpec.CONSOLE) {
                    continue;
                }
                for (io.jiebang.events.EventEnvelope event : stores.events(spec)) {
                    String file = event.type() + ".v" + event.version() + ".json";
                    com.networknt.schema.Schema schema = schemas.computeIfAbsent(file, name -> registry.getSchema(
                            readSchema(name), com.networknt.schema.InputFormat.JSON));
                    String data = JSON.readTree(io.jiebang.events.EventCodec.encode(event)).get("data").toString();
                    schema.validate(data, com.networknt.schema.InputFormat.JSON)
                            .forEach(error -> invalid.add(event.type() + " " + event.eventId() + ": " + error));
                    checked.merge(event.type(), 1L, Long::sum);
                }
            }
        }
        assertThat(invalid).as("events against their schemas").isEmpty();
        assertThat(checked).as("the scenario's events, by type").containsKeys("TopicPublished", "ClaimAwarded",
                "ProgressReported", "ResolutionAccepted", "EvaluationVoteCast", "TopicClosed", "TopicReopened");
    }

    private static String readSchema(String file) {
        try {
            return java.nio.file.Files.readString(io.jiebang.devstack.ProjectHome.find().resolve("docs/schemas").resolve(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertRate(JsonNode rates, String name, long numerator, long denominator) {
        assertThat(rates.get(name).get("numerator").asLong()).as(name + " numerator").isEqualTo(numerator);
        assertThat(rates.get(name).get("denominator").asLong()).as(name + " denominator").isEqualTo(denominator);
    }

    /**
     * The leaderboard recounted by hand from docs/rules.md: 10 resolved, 5 on time, 5 × satisfied share; 60/40
     * in groups. Every resolution here is accepted before its due date, so resolved and on-time counts agree.
     */
    private void checkLeaderboard(String batch) {
        Map<String, double[]> tallies = new HashMap<>();
        expected.values().stream().filter(e -> e.batch.equals(batch) && e.lead != null).forEach(e -> {
            double points = 0;
            if (e.resolved) {
                points = 10 + 5 + (e.votes.isEmpty() || e.unrated ? 0
                        : 5.0 * e.votes.stream().filter(v -> !v.equals("DISSATISFIED")).count() / e.votes.size());
            }
            double leadShare = e.coClaimants.isEmpty() ? 1 : 0.6;
            credit(tallies, e.lead, points * leadShare, e.resolved);
            for (String co : e.coClaimants) {
                credit(tallies, co, points * 0.4 / e.coClaimants.size(), e.resolved);
            }
        });
        List<Map.Entry<String, double[]>> ranked = new ArrayList<>(tallies.entrySet());
        ranked.sort(Comparator.<Map.Entry<String, double[]>>comparingDouble(t -> -Math.round(t.getValue()[0] * 100) / 100.0)
                .thenComparing(t -> -t.getValue()[1]).thenComparing(Map.Entry::getKey));
        JsonNode entries = api.get("/api/batches/" + batch + "/leaderboard", "coordinator").expect(200).body().get("entries");
        assertThat(entries.size()).isEqualTo(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            assertThat(entries.get(i).get("orgId").asString()).as("rank " + (i + 1)).isEqualTo(ranked.get(i).getKey());
            assertThat(entries.get(i).get("score").asDouble()).as("score of " + ranked.get(i).getKey())
                    .isEqualTo(Math.round(ranked.get(i).getValue()[0] * 100) / 100.0);
        }
        assertThat(entries.toString()).contains("\"orgId\":\"dept-12\"", "\"topicsCoClaimed\":1");
    }

    private static void credit(Map<String, double[]> tallies, String org, double points, boolean resolved) {
        double[] tally = tallies.computeIfAbsent(org, k -> new double[2]);
        tally[0] += points;
        tally[1] += resolved ? 1 : 0;
    }
}
