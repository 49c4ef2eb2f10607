package io.jiebang.resolution.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.Verdict;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.resolution.EvaluationClosed;
import io.jiebang.events.resolution.EvaluationVoteCast;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.events.resolution.TopicClosed;
import io.jiebang.events.resolution.TopicReopened;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.testsupport.AggregateScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseTest {

    static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");
    static final Instant DUE = NOW.plus(Duration.ofDays(20));
    static final Duration WINDOW = Duration.ofDays(7);
    static final Actor POSTER = new Actor("street-01", "street-01", Actor.Role.STAFF);
    static final Actor LEAD = new Actor("dept-01", "dept-01", Actor.Role.STAFF);
    static final Actor CO = new Actor("dept-02", "dept-02", Actor.Role.STAFF);
    static final Actor COORDINATOR = new Actor("c", null, Actor.Role.COORDINATOR);

    static final TopicPublished PUBLISHED = new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT,
            "加装电梯", "SW-01", DUE, ClaimMode.FIRST_COME, 2);
    static final ClaimAwarded AWARDED = new ClaimAwarded("t1", 1, "c1", "dept-01", List.of("dept-02"), DUE, true,
            ClaimAwarded.AwardedBy.FIRST_COME);
    static final ResolutionSubmitted SUBMITTED = new ResolutionSubmitted("t1", 1, "r1", "dept-01", "已完成", "验收单");
    static final ResolutionAccepted ACCEPTED = new ResolutionAccepted("t1", 1, "r1", "dept-01", true, NOW.plus(WINDOW));

    AggregateScenario<Case> inProgress() {
        return AggregateScenario.of(new Case("t1")).given(PUBLISHED, AWARDED);
    }

    @Test
    void theLeadSubmitsAndThePosterAccepts() {
        inProgress()
                .when(c -> c.submit(CO, "r1", "已完成", null)).rejected(Rejection.Kind.FORBIDDEN, "not-the-lead")
                .when(c -> c.submit(LEAD, "r1", "已完成", "验收单")).expect(SUBMITTED)
                .given(SUBMITTED)
                .when(c -> c.submit(LEAD, "r2", "again", null)).rejected(Rejection.Kind.CONFLICT, "not-in-progress")
                .when(c -> c.accept(LEAD, NOW, WINDOW)).rejected(Rejection.Kind.FORBIDDEN, "not-the-poster")
                .when(c -> c.accept(POSTER, NOW, WINDOW)).expect(ACCEPTED);
    }

    @Test
    void aLateAcceptanceIsNotOnTime() {
        Instant late = DUE.plusSeconds(60);
        inProgress().given(SUBMITTED).when(c -> c.accept(POSTER, late, WINDOW))
                .expect(new ResolutionAccepted("t1", 1, "r1", "dept-01", false, late.plus(WINDOW)));
    }

    @Test
    void aRejectionNeedsAReasonAndSendsTheTopicBackToWork() {
        var scenario = inProgress().given(SUBMITTED)
                .when(c -> c.reject(POSTER, " ")).rejected(Rejection.Kind.INVALID, "reason-missing")
                .when(c -> c.reject(POSTER, "照片不清楚")).expect(new ResolutionRejected("t1", 1, "r1", "照片不清楚"))
                .given(new ResolutionRejected("t1", 1, "r1", "照片不清楚"));
        assertThat(scenario.aggregate().status()).isEqualTo(Case.Status.IN_PROGRESS);
        scenario.when(c -> c.accept(POSTER, NOW, WINDOW)).rejected(Rejection.Kind.CONFLICT, "no-resolution-pending");
    }

    @Test
    void twoThirdsSatisfiedCloses() {
        inProgress().given(SUBMITTED, ACCEPTED, vote(Verdict.SATISFIED), vote(Verdict.BASICALLY_SATISFIED), vote(Verdict.DISSATISFIED))
                .when(c -> c.close(POSTER)).expect(
                        new EvaluationClosed("t1", 1, 1, 1, 1, EvaluationClosed.Outcome.CLOSED, EvaluationClosed.Cause.CLOSED_BY_USER),
                        new TopicClosed("t1", 1));
    }

    @Test
    void underTwoThirdsReopensIntoTheNextRound() {
        inProgress().given(SUBMITTED, ACCEPTED, vote(Verdict.SATISFIED), vote(Verdict.DISSATISFIED), vote(Verdict.DISSATISFIED))
                .when(c -> c.close(COORDINATOR)).expect(
                        new EvaluationClosed("t1", 1, 1, 0, 2, EvaluationClosed.Outcome.REOPENED, EvaluationClosed.Cause.CLOSED_BY_USER),
                        new TopicReopened("t1", 1, 2));
    }

    @Test
    void noVotesClosesWhenTheWindowEnds() {
        inProgress().given(SUBMITTED, ACCEPTED)
                .when(c -> c.windowEnded(NOW.plus(WINDOW).minusSeconds(1))).expectNothing()
                .when(c -> c.windowEnded(NOW.plus(WINDOW))).expect(
                        new EvaluationClosed("t1", 1, 0, 0, 0, EvaluationClosed.Outcome.CLOSED, EvaluationClosed.Cause.WINDOW_ENDED),
                        new TopicClosed("t1", 1));
    }

    @Test
    void votesOnlyWhileTheWindowIsOpenAndForItsRound() {
        inProgress().given(SUBMITTED, ACCEPTED)
                .when(c -> c.vote(1, "v1", Verdict.SATISFIED, "好", NOW)).expect(new EvaluationVoteCast("t1", 1, "v1", Verdict.SATISFIED, "好"))
                .when(c -> c.vote(1, "v2", Verdict.SATISFIED, null, NOW.plus(WINDOW))).rejected(Rejection.Kind.CONFLICT, "evaluation-window-ended")
                .when(c -> c.vote(2, "v3", Verdict.SATISFIED, null, NOW)).rejected(Rejection.Kind.CONFLICT, "evaluation-closed");
    }

    @Test
    void aReopenedTopicIsWorkedOnInTheNextRoundAndCountsItsVotesAfresh() {
        var scenario = inProgress().given(SUBMITTED, ACCEPTED, vote(Verdict.DISSATISFIED),
                new EvaluationClosed("t1", 1, 0, 0, 1, EvaluationClosed.Outcome.REOPENED, EvaluationClosed.Cause.CLOSED_BY_USER),
                new TopicReopened("t1", 1, 2), new RoundOpened("t1", 2, RoundOpened.Cause.REOPENED_AFTER_EVALUATION),
                new ClaimAwarded("t1", 2, "c9", "dept-03", List.of(), DUE, false, ClaimAwarded.AwardedBy.FIRST_COME));
        assertThat(scenario.aggregate().facts().resolved()).isFalse();
        scenario.given(new ResolutionSubmitted("t1", 2, "r2", "dept-03", "重做", null),
                        new ResolutionAccepted("t1", 2, "r2", "dept-03", true, NOW.plus(WINDOW)), vote2(Verdict.SATISFIED))
                .when(c -> c.close(POSTER)).expect(
                        new EvaluationClosed("t1", 2, 1, 0, 0, EvaluationClosed.Outcome.CLOSED, EvaluationClosed.Cause.CLOSED_BY_USER),
                        new TopicClosed("t1", 2));
    }

    @Test
    void linksOnlyDuringTheEvaluationAndOnlyForThePoster() {
        inProgress().when(c -> c.issueLinks(POSTER, 3, NOW)).rejected(Rejection.Kind.CONFLICT, "evaluation-not-open");
        inProgress().given(SUBMITTED, ACCEPTED)
                .when(c -> c.issueLinks(LEAD, 3, NOW)).rejected(Rejection.Kind.FORBIDDEN, "not-the-poster")
                .when(c -> c.issueLinks(POSTER, 0, NOW)).rejected(Rejection.Kind.INVALID, "link-count-out-of-range")
                .when(c -> c.issueLinks(POSTER, 3, NOW)).expectThat(events -> assertThat(events).hasSize(1));
    }

    static EvaluationVoteCast vote(Verdict verdict) {
        return new EvaluationVoteCast("t1", 1, "v-" + verdict + System.nanoTime(), verdict, null);
    }

    static EvaluationVoteCast vote2(Verdict verdict) {
        return new EvaluationVoteCast("t1", 2, "v2-" + verdict, verdict, null);
    }
}
