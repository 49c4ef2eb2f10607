package io.jiebang.resolution.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.Direction;
import io.jiebang.events.Verdict;
import io.jiebang.events.resolution.Standing;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatesAndLeaderboardTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant FUTURE = NOW.plusSeconds(86400 * 30);
    static final Instant PAST = NOW.minusSeconds(86400);

    static TopicFacts topic(String id, String lead, List<String> co, boolean inWindow, boolean awarded, boolean resolved,
                            boolean onTime, Instant due, Map<Verdict, Integer> votes) {
        return new TopicFacts(id, "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "SW-01", due, lead, co, false, awarded,
                inWindow, resolved, resolved ? PAST : null, onTime, votes, false, false);
    }

    static TopicFacts unrated(String id, String lead, boolean onTime) {
        return new TopicFacts(id, "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "SW-01", FUTURE, lead, List.of(), false, true,
                true, true, PAST, onTime, Map.of(), true, false);
    }

    final List<TopicFacts> batch = List.of(
            topic("t1", "dept-01", List.of("dept-02"), true, true, true, true, FUTURE, Map.of(Verdict.SATISFIED, 2, Verdict.DISSATISFIED, 1)),
            topic("t2", "dept-01", List.of(), true, true, true, false, PAST, Map.of()),
            topic("t3", "dept-03", List.of(), false, true, false, false, PAST, Map.of()),
            topic("t4", null, List.of(), false, false, false, false, FUTURE, Map.of()),
            topic("t5", "dept-02", List.of(), true, true, false, false, FUTURE, Map.of(Verdict.BASICALLY_SATISFIED, 1)));

    @Test
    void ratesCountEachTopicOnceWithNumeratorAndDenominator() {
        Rates rates = Rates.of(batch, NOW);
        assertThat(rates.response()).isEqualTo(Rate.of(3, 5));
        assertThat(rates.resolution()).isEqualTo(Rate.of(2, 4));
        // resolved t1 (on time), t2 (late); open past due: t3 → 1 / 3
        assertThat(rates.onTime()).isEqualTo(Rate.of(1, 3));
        assertThat(rates.satisfaction()).isEqualTo(Rate.of(3, 4));
        assertThat(rates.satisfaction().value()).isEqualTo(0.75);
    }

    @Test
    void perOrganisationCountsTheTopicsItLed() {
        Map<String, Rates> perOrg = Rates.per(batch, TopicFacts::leadOrgId, NOW);
        assertThat(perOrg).containsOnlyKeys("dept-01", "dept-02", "dept-03");
        assertThat(perOrg.get("dept-01").resolution()).isEqualTo(Rate.of(2, 2));
        assertThat(perOrg.get("dept-03").onTime()).isEqualTo(Rate.of(0, 1));
    }

    @Test
    void emptyRatesHaveNoValue() {
        assertThat(Rates.of(List.of(), NOW).resolution()).isEqualTo(new Rate(0, 0, null));
    }

    @Test
    void theLeaderboardSharesGroupCreditAndBreaksTiesDeterministically() {
        List<Standing> board = Leaderboard.rank(batch);
        // dept-01: t1 as lead 60% of (10 + 5 + 5*2/3) = 11.0; t2 alone 10 → 21.0
        assertThat(board.get(0).orgId()).isEqualTo("dept-01");
        assertThat(board.get(0).score()).isEqualTo(21.0);
        assertThat(board.get(0).resolvedTopics()).isEqualTo(2);
        // dept-02: co-claimant of t1, 40% of 18.33 = 7.33; leads t5 (not resolved)
        assertThat(board.get(1).orgId()).isEqualTo("dept-02");
        assertThat(board.get(1).score()).isEqualTo(7.33);
        assertThat(board.get(1).topicsCoClaimed()).isEqualTo(1);
        assertThat(board.get(2)).extracting(Standing::orgId, Standing::score, Standing::rank)
                .containsExactly("dept-03", 0.0, 3);
    }

    @Test
    void aTopicClosedUnratedCountsAsResolvedButNotInSatisfactionAndEarnsNoSatisfactionPoints() {
        List<TopicFacts> topics = List.of(unrated("u1", "dept-05", true),
                topic("r1", "dept-06", List.of(), true, true, true, true, FUTURE, Map.of(Verdict.SATISFIED, 3)));
        Rates rates = Rates.of(topics, NOW);
        assertThat(rates.resolution()).isEqualTo(Rate.of(2, 2));
        assertThat(rates.onTime()).isEqualTo(Rate.of(2, 2));
        assertThat(rates.satisfaction()).isEqualTo(Rate.of(3, 3));
        assertThat(rates.unratedTopics()).isEqualTo(1);
        List<Standing> board = Leaderboard.rank(topics);
        // r1: 10 + 5 + 5; u1: 10 + 5 and nothing for satisfaction
        assertThat(board).extracting(Standing::orgId, Standing::score, Standing::satisfactionPoints,
                Standing::unratedTopics).containsExactly(org.assertj.core.groups.Tuple.tuple("dept-06", 20.0, 5.0, 0),
                org.assertj.core.groups.Tuple.tuple("dept-05", 15.0, 0.0, 1));
    }

    @Test
    void equalScoresRankByOrganisation() {
        List<TopicFacts> tie = List.of(topic("a", "dept-09", List.of(), true, true, true, true, FUTURE, Map.of()),
                topic("b", "dept-04", List.of(), true, true, true, true, FUTURE, Map.of()));
        assertThat(Leaderboard.rank(tie)).extracting(Standing::orgId).containsExactly("dept-04", "dept-09");
    }

    @Test
    void theLeaderboardNotesTheTopicsAnAppealChangedForEveryoneTheyCredit() {
        TopicFacts overturned = new TopicFacts("a1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "SW-01", FUTURE, "dept-07",
                List.of("dept-08"), false, true, true, true, PAST, true, Map.of(), false, true);
        List<Standing> board = Leaderboard.rank(List.of(overturned,
                topic("n1", "dept-07", List.of(), true, true, true, true, FUTURE, Map.of())));
        assertThat(board).extracting(Standing::orgId, Standing::overturnedAppeals)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dept-07", 1), org.assertj.core.groups.Tuple.tuple("dept-08", 1));
    }
}
