package io.jiebang.resolution.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.Verdict;
import io.jiebang.events.batch.EvaluationSettings;
import io.jiebang.events.resolution.EvaluationLinksIssued;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.resolution.AppealDecided;
import io.jiebang.events.resolution.AppealLodged;
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
    static final Duration APPEAL = Duration.ofDays(5);
    static final Actor POSTER = new Actor("street-01", "street-01", Actor.Role.STAFF);
    static final Actor LEAD = new Actor("dept-01", "dept-01", Actor.Role.STAFF);
    static final Actor CO = new Actor("dept-02", "dept-02", Actor.Role.STAFF);
    static final Actor COORDINATOR = new Actor("c", null, Actor.Role.COORDINATOR);

    static final TopicPublished PUBLISHED = new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT,
            "加装电梯", "SW-01", DUE, ClaimMode.FIRST_COME, 2);
    static final ClaimAwarded AWARDED = new ClaimAwarded("t1", 1, "c1", "dept-01", List.of("dept-02"), DUE, true,
            ClaimAwarded.AwardedBy.FIRST_COME);
    static final ResolutionSubmitted SUBMITTED = new ResolutionSubmitted("t1", 1, "r1", "dept-01", "已完成", "验收单");
    static final EvaluationSettings DEFAULTS = EvaluationSettings.DEFAULTS;
    /** Accepted at the scenario's start (2026-03-01), under the default settings: 3 votes, 72 hours, 50 links. */
    static final Instant ACCEPTED_AT = Instant.parse("2026-03-01T00:00:00Z");
    static final ResolutionAccepted ACCEPTED = new ResolutionAccepted("t1", 1, "r1", "dept-01", true, NOW.plus(WINDOW), DEFAULTS);

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
                .when(c -> c.accept(LEAD, NOW, WINDOW, DEFAULTS)).rejected(Rejection.Kind.FORBIDDEN, "not-the-poster")
                .when(c -> c.accept(POSTER, NOW, WINDOW, DEFAULTS)).expect(ACCEPTED);
    }

    @Test
    void aCoClaimantThatAcceptsItsPlaceAfterTheAwardSharesTheCredit() {
        var scenario = AggregateScenario.of(new Case("t1")).given(PUBLISHED,
                new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), DUE, true, ClaimAwarded.AwardedBy.FIRST_COME));
        org.assertj.core.api.Assertions.assertThat(scenario.aggregate().facts().coClaimantOrgIds()).isEmpty();
        scenario.given(new io.jiebang.events.claim.CoClaimantAccepted("t1", 1, "c1", "dept-03", false),
                new io.jiebang.events.claim.CoClaimantAccepted("t1", 1, "c1", "dept-02", true));
        org.assertj.core.api.Assertions.assertThat(scenario.aggregate().facts().coClaimantOrgIds())
                .as("only one that joins the awarded team").containsExactly("dept-02");
    }

    @Test
    void aLateAcceptanceIsNotOnTime() {
        Instant late = DUE.plusSeconds(60);
        inProgress().given(SUBMITTED).when(c -> c.accept(POSTER, late, WINDOW, null))
                .expect(new ResolutionAccepted("t1", 1, "r1", "dept-01", false, late.plus(WINDOW), DEFAULTS));
    }

    @Test
    void aRejectionNeedsAReasonAndSendsTheTopicBackToWork() {
        var scenario = inProgress().given(SUBMITTED)
                .when(c -> c.reject(POSTER, " ", NOW, APPEAL)).rejected(Rejection.Kind.INVALID, "reason-missing")
                .when(c -> c.reject(POSTER, "照片不清楚", NOW, APPEAL)).expect(new ResolutionRejected("t1", 1, "r1", "照片不清楚", NOW.plus(APPEAL)))
                .given(new ResolutionRejected("t1", 1, "r1", "照片不清楚", NOW.plus(APPEAL)));
        assertThat(scenario.aggregate().status()).isEqualTo(Case.Status.IN_PROGRESS);
        scenario.when(c -> c.accept(POSTER, NOW, WINDOW, DEFAULTS)).rejected(Rejection.Kind.CONFLICT, "no-resolution-pending");
    }

    @Test
    void twoThirdsSatisfiedCloses() {
        inProgress().given(SUBMITTED, ACCEPTED, vote(Verdict.SATISFIED), vote(Verdict.BASICALLY_SATISFIED), vote(Verdict.DISSATISFIED))
                .when(c -> c.close(POSTER, null, NOW, APPEAL)).expect(
                        new EvaluationClosed("t1", 1, 1, 1, 1, EvaluationClosed.Outcome.CLOSED, EvaluationClosed.Cause.CLOSED_BY_USER),
                        new TopicClosed("t1", 1));
    }

    @Test
    void underTwoThirdsReopensIntoTheNextRound() {
        inProgress().given(SUBMITTED, ACCEPTED, vote(Verdict.SATISFIED), vote(Verdict.DISSATISFIED), vote(Verdict.DISSATISFIED))
                .when(c -> c.close(COORDINATOR, null, NOW, APPEAL)).expect(
                        new EvaluationClosed("t1", 1, 1, 0, 2, EvaluationClosed.Outcome.REOPENED, EvaluationClosed.Cause.CLOSED_BY_USER, null, NOW.plus(APPEAL)),
                        new TopicReopened("t1", 1, 2));
    }

    @Test
    void noVotesWhenTheWindowEndsIsInconclusiveAndClosesUnrated() {
        var scenario = inProgress().given(SUBMITTED, ACCEPTED)
                .when(c -> c.windowEnded(NOW.plus(WINDOW).minusSeconds(1), APPEAL)).expectNothing()
                .when(c -> c.windowEnded(NOW.plus(WINDOW), APPEAL)).expect(
                        new EvaluationClosed("t1", 1, 0, 0, 0, EvaluationClosed.Outcome.INCONCLUSIVE, EvaluationClosed.Cause.WINDOW_ENDED),
                        new TopicClosed("t1", 1));
        scenario.given(new EvaluationClosed("t1", 1, 0, 0, 0, EvaluationClosed.Outcome.INCONCLUSIVE, EvaluationClosed.Cause.WINDOW_ENDED),
                new TopicClosed("t1", 1));
        assertThat(scenario.aggregate().status()).isEqualTo(Case.Status.CLOSED_UNRATED);
    }

    @Test
    void fewerVotesThanTheQuorumWhenTheWindowEndsIsInconclusive() {
        inProgress().given(SUBMITTED, ACCEPTED, vote(Verdict.SATISFIED), vote(Verdict.SATISFIED))
                .when(c -> c.windowEnded(NOW.plus(WINDOW), APPEAL)).expect(
                        new EvaluationClosed("t1", 1, 2, 0, 0, EvaluationClosed.Outcome.INCONCLUSIVE, EvaluationClosed.Cause.WINDOW_ENDED),
                        new TopicClosed("t1", 1));
    }

    @Test
    void thePosterClosesOnlyWithTheQuorumAndAfterTheMinimumWindow() {
        Instant minimumEnds = ACCEPTED_AT.plus(Duration.ofHours(72));
        // two votes of three, long after the minimum window: too few
        inProgress().given(SUBMITTED, ACCEPTED, vote(Verdict.SATISFIED), vote(Verdict.SATISFIED))
                .when(c -> c.close(POSTER, "够了", NOW, APPEAL)).rejected(Rejection.Kind.FORBIDDEN, "early-close-coordinator-only");
        // the quorum, but inside the minimum window: too soon, until it ends
        inProgress().given(SUBMITTED, ACCEPTED, vote(Verdict.SATISFIED), vote(Verdict.SATISFIED), vote(Verdict.SATISFIED))
                .when(c -> c.close(POSTER, null, minimumEnds.minusSeconds(1), APPEAL)).rejected(Rejection.Kind.FORBIDDEN, "early-close-coordinator-only")
                .when(c -> c.close(POSTER, null, minimumEnds, APPEAL)).expect(
                        new EvaluationClosed("t1", 1, 3, 0, 0, EvaluationClosed.Outcome.CLOSED, EvaluationClosed.Cause.CLOSED_BY_USER),
                        new TopicClosed("t1", 1));
    }

    @Test
    void aCoordinatorClosesEarlyOnlyWithAReasonAndTooFewVotesCloseUnrated() {
        var scenario = inProgress().given(SUBMITTED, ACCEPTED, vote(Verdict.SATISFIED))
                .when(c -> c.close(COORDINATOR, "  ", NOW, APPEAL)).rejected(Rejection.Kind.INVALID, "early-close-reason-missing")
                .when(c -> c.close(COORDINATOR, " 居民已搬迁 ", NOW, APPEAL)).expect(
                        new EvaluationClosed("t1", 1, 1, 0, 0, EvaluationClosed.Outcome.INCONCLUSIVE, EvaluationClosed.Cause.CLOSED_EARLY,
                                "居民已搬迁"),
                        new TopicClosed("t1", 1));
        scenario.given(new EvaluationClosed("t1", 1, 1, 0, 0, EvaluationClosed.Outcome.INCONCLUSIVE,
                EvaluationClosed.Cause.CLOSED_EARLY, "居民已搬迁"), new TopicClosed("t1", 1));
        TopicFacts facts = scenario.aggregate().facts();
        assertThat(scenario.aggregate().status()).isEqualTo(Case.Status.CLOSED_UNRATED);
        assertThat(facts.resolved()).as("the resolution was accepted").isTrue();
        assertThat(facts.unrated()).isTrue();
        assertThat(facts.votesCast()).as("the votes of an inconclusive evaluation count nowhere").isZero();
    }

    @Test
    void aCoordinatorClosingInsideTheMinimumWindowWithTheQuorumGetsTheTwoThirdsRule() {
        Instant early = ACCEPTED_AT.plus(Duration.ofHours(1));
        inProgress().given(SUBMITTED, ACCEPTED, vote(Verdict.SATISFIED), vote(Verdict.DISSATISFIED), vote(Verdict.DISSATISFIED))
                .when(c -> c.close(COORDINATOR, null, early, APPEAL)).rejected(Rejection.Kind.INVALID, "early-close-reason-missing")
                .when(c -> c.close(COORDINATOR, "督办要求", early, APPEAL)).expect(
                        new EvaluationClosed("t1", 1, 1, 0, 2, EvaluationClosed.Outcome.REOPENED, EvaluationClosed.Cause.CLOSED_EARLY, "督办要求", early.plus(APPEAL)),
                        new TopicReopened("t1", 1, 2));
    }

    @Test
    void theMinimumWindowNeverOutlastsTheWindow() {
        var settings = new EvaluationSettings(1, 24 * 30, 50);
        var scenario = inProgress().given(SUBMITTED, new ResolutionAccepted("t1", 1, "r1", "dept-01", true, ACCEPTED_AT.plus(WINDOW), settings));
        assertThat(scenario.aggregate().earliestCloseAt()).isEqualTo(ACCEPTED_AT.plus(WINDOW));
    }

    @Test
    void anAcceptanceRecordedBeforeTheSettingsRunsOnTheDefaults() {
        var scenario = inProgress().given(SUBMITTED, new ResolutionAccepted("t1", 1, "r1", "dept-01", true, NOW.plus(WINDOW)),
                vote(Verdict.SATISFIED));
        assertThat(scenario.aggregate().evaluationSettings()).isEqualTo(DEFAULTS);
        scenario.when(c -> c.close(POSTER, null, NOW, APPEAL)).rejected(Rejection.Kind.FORBIDDEN, "early-close-coordinator-only");
    }

    @Test
    void linksPerRoundAreCapped() {
        var settings = new EvaluationSettings(3, 72, 5);
        var scenario = inProgress().given(SUBMITTED, new ResolutionAccepted("t1", 1, "r1", "dept-01", true, NOW.plus(WINDOW), settings))
                .when(c -> c.issueLinks(POSTER, 6, NOW)).rejected(Rejection.Kind.CONFLICT, "link-cap-reached")
                .when(c -> c.issueLinks(POSTER, 3, NOW)).expect(new EvaluationLinksIssued("t1", 1, 3, NOW))
                .given(new EvaluationLinksIssued("t1", 1, 3, NOW))
                .when(c -> c.issueLinks(POSTER, 3, NOW)).rejected(Rejection.Kind.CONFLICT, "link-cap-reached")
                .when(c -> c.issueLinks(POSTER, 2, NOW)).expect(new EvaluationLinksIssued("t1", 1, 2, NOW))
                .given(new EvaluationLinksIssued("t1", 1, 2, NOW))
                .when(c -> c.issueLinks(POSTER, 1, NOW)).rejected(Rejection.Kind.CONFLICT, "link-cap-reached");
        // the next round has its own cap
        scenario.given(new EvaluationClosed("t1", 1, 0, 0, 3, EvaluationClosed.Outcome.REOPENED, EvaluationClosed.Cause.WINDOW_ENDED),
                new TopicReopened("t1", 1, 2), new RoundOpened("t1", 2, RoundOpened.Cause.REOPENED_AFTER_EVALUATION),
                new ClaimAwarded("t1", 2, "c9", "dept-03", List.of(), DUE, false, ClaimAwarded.AwardedBy.FIRST_COME),
                new ResolutionSubmitted("t1", 2, "r2", "dept-03", "重做", null),
                new ResolutionAccepted("t1", 2, "r2", "dept-03", true, NOW.plus(WINDOW), settings))
                .when(c -> c.issueLinks(POSTER, 5, NOW)).expect(new EvaluationLinksIssued("t1", 2, 5, NOW));
    }

    @Test
    void thePostersOwnVoteCountsOncePerRound() {
        inProgress().given(SUBMITTED, ACCEPTED)
                .when(c -> c.vote(1, "v1", Verdict.SATISFIED, null, NOW, true))
                .expect(new EvaluationVoteCast("t1", 1, "v1", Verdict.SATISFIED, null, true))
                .given(new EvaluationVoteCast("t1", 1, "v1", Verdict.SATISFIED, null, true))
                .when(c -> c.vote(1, "v2", Verdict.SATISFIED, null, NOW, true)).rejected(Rejection.Kind.CONFLICT, "poster-already-voted")
                .when(c -> c.vote(1, "v3", Verdict.SATISFIED, null, NOW, false))
                .expect(new EvaluationVoteCast("t1", 1, "v3", Verdict.SATISFIED, null));
    }

    @Test
    void onlyTheStaffOfThePosterCastThePostersVote() {
        Case c = inProgress().given(SUBMITTED, ACCEPTED).aggregate();
        assertThat(c.isPosterStaff(POSTER)).isTrue();
        assertThat(c.isPosterStaff(LEAD)).isFalse();
        assertThat(c.isPosterStaff(COORDINATOR)).isFalse();
        assertThat(c.isPosterStaff(null)).isFalse();
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
                        new ResolutionAccepted("t1", 2, "r2", "dept-03", true, NOW.plus(WINDOW), new EvaluationSettings(1, 0, 50)),
                        vote2(Verdict.SATISFIED))
                .when(c -> c.close(POSTER, null, NOW, APPEAL)).expect(
                        new EvaluationClosed("t1", 2, 1, 0, 0, EvaluationClosed.Outcome.CLOSED, EvaluationClosed.Cause.CLOSED_BY_USER),
                        new TopicClosed("t1", 2));
    }

    static final Instant REJECTED_AT = NOW;
    static final ResolutionRejected REJECTED = new ResolutionRejected("t1", 1, "r1", "照片不清楚", NOW.plus(APPEAL));
    static final AppealLodged LODGED = new AppealLodged("t1", 1, "ap1", AppealLodged.Subject.REJECTED_RESOLUTION, "dept-01",
            "照片已补充", "现场照片");

    @Test
    void theLeadAppealsARejectionOnceWithinItsWindowAndOnlyACoordinatorRules() {
        inProgress().when(c -> c.appeal(LEAD, "ap0", "不公", null, NOW)).rejected(Rejection.Kind.CONFLICT, "nothing-to-appeal");
        var scenario = inProgress().given(SUBMITTED).at(REJECTED_AT).given(REJECTED)
                .when(c -> c.appeal(CO, "ap1", "不公", null, NOW)).rejected(Rejection.Kind.FORBIDDEN, "only-the-lead-appeals")
                .when(c -> c.appeal(LEAD, "ap1", " ", null, NOW)).rejected(Rejection.Kind.INVALID, "appeal-reason-missing")
                .when(c -> c.appeal(LEAD, "ap1", "不公", null, NOW.plus(APPEAL).plusSeconds(1)))
                .rejected(Rejection.Kind.CONFLICT, "appeal-window-passed")
                .when(c -> c.appeal(LEAD, "ap1", " 照片已补充 ", "现场照片", NOW.plus(APPEAL))).expect(LODGED)
                .given(LODGED)
                .when(c -> c.submit(LEAD, "r2", "再次申请", null)).rejected(Rejection.Kind.CONFLICT, "appeal-pending")
                .when(c -> c.decideAppeal(LEAD, "ap1", AppealDecided.Ruling.OVERTURNED, "理由", NOW, WINDOW, DEFAULTS))
                .rejected(Rejection.Kind.FORBIDDEN, "coordinator-only")
                .when(c -> c.decideAppeal(COORDINATOR, "ap9", AppealDecided.Ruling.OVERTURNED, "理由", NOW, WINDOW, DEFAULTS))
                .rejected(Rejection.Kind.NOT_FOUND, "appeal-not-found")
                .when(c -> c.decideAppeal(COORDINATOR, "ap1", AppealDecided.Ruling.UPHELD, "", NOW, WINDOW, DEFAULTS))
                .rejected(Rejection.Kind.INVALID, "ruling-reason-missing")
                .when(c -> c.decideAppeal(COORDINATOR, "ap1", AppealDecided.Ruling.UPHELD, "照片仍不清楚", NOW, WINDOW, DEFAULTS))
                .expect(new AppealDecided("t1", 1, "ap1", AppealLodged.Subject.REJECTED_RESOLUTION, AppealDecided.Ruling.UPHELD,
                        "照片仍不清楚"))
                .given(new AppealDecided("t1", 1, "ap1", AppealLodged.Subject.REJECTED_RESOLUTION, AppealDecided.Ruling.UPHELD,
                        "照片仍不清楚"))
                .when(c -> c.decideAppeal(COORDINATOR, "ap1", AppealDecided.Ruling.OVERTURNED, "改判", NOW, WINDOW, DEFAULTS))
                .rejected(Rejection.Kind.CONFLICT, "appeal-already-decided")
                .when(c -> c.submit(LEAD, "r2", "再次申请", null))
                .expect(new ResolutionSubmitted("t1", 1, "r2", "dept-01", "再次申请", null))
                .given(new ResolutionSubmitted("t1", 1, "r2", "dept-01", "再次申请", null),
                        new ResolutionRejected("t1", 1, "r2", "仍不行", NOW.plus(APPEAL)))
                .when(c -> c.appeal(LEAD, "ap2", "不公", null, NOW)).rejected(Rejection.Kind.CONFLICT, "already-appealed");
        assertThat(scenario.aggregate().facts().overturnedOnAppeal()).isFalse();
    }

    @Test
    void aRejectionOverturnedOnAppealAcceptsTheRejectedResolutionOnTimeIfRejectedByTheDueDate() {
        Instant ruledAt = DUE.plus(Duration.ofDays(3));
        var scenario = inProgress().given(SUBMITTED).at(REJECTED_AT).given(REJECTED, LODGED)
                .when(c -> c.decideAppeal(COORDINATOR, "ap1", AppealDecided.Ruling.OVERTURNED, "照片清楚", ruledAt, WINDOW, DEFAULTS))
                .expect(new AppealDecided("t1", 1, "ap1", AppealLodged.Subject.REJECTED_RESOLUTION, AppealDecided.Ruling.OVERTURNED,
                                "照片清楚"),
                        new ResolutionAccepted("t1", 1, "r1", "dept-01", true, ruledAt.plus(WINDOW), DEFAULTS))
                .given(new AppealDecided("t1", 1, "ap1", AppealLodged.Subject.REJECTED_RESOLUTION, AppealDecided.Ruling.OVERTURNED,
                                "照片清楚"),
                        new ResolutionAccepted("t1", 1, "r1", "dept-01", true, ruledAt.plus(WINDOW), DEFAULTS));
        TopicFacts facts = scenario.aggregate().facts();
        assertThat(facts.resolvedOnTime()).isTrue();
        assertThat(facts.overturnedOnAppeal()).isTrue();
        assertThat(scenario.aggregate().status()).isEqualTo(Case.Status.RESOLVED);
    }

    /** Reopened after two dissatisfied votes of three; the new round has opened and nobody has it yet. */
    AggregateScenario<Case> reopened() {
        return inProgress().given(SUBMITTED, ACCEPTED, vote(Verdict.SATISFIED), vote(Verdict.DISSATISFIED), vote(Verdict.DISSATISFIED))
                .at(NOW).given(new EvaluationClosed("t1", 1, 1, 0, 2, EvaluationClosed.Outcome.REOPENED,
                        EvaluationClosed.Cause.WINDOW_ENDED, null, NOW.plus(APPEAL)), new TopicReopened("t1", 1, 2));
    }

    static final AppealLodged REOPENING_APPEALED = new AppealLodged("t1", 1, "ap1", AppealLodged.Subject.EVALUATION_OUTCOME,
            "dept-01", "投票者并非受益居民", null);

    @Test
    void aReopeningOverturnedOnAppealClosesTheTopicForTheAppealedTeamWithoutThatEvaluationsVotes() {
        var scenario = reopened()
                .when(c -> c.appeal(LEAD, "ap1", "投票者并非受益居民", null, NOW)).rejected(Rejection.Kind.CONFLICT, "nothing-to-appeal")
                .given(new RoundOpened("t1", 2, RoundOpened.Cause.REOPENED_AFTER_EVALUATION))
                .when(c -> c.appeal(LEAD, "ap1", "投票者并非受益居民", null, NOW)).expect(REOPENING_APPEALED)
                .given(REOPENING_APPEALED)
                .when(c -> c.decideAppeal(COORDINATOR, "ap1", AppealDecided.Ruling.OVERTURNED, "评议对象有误", NOW, WINDOW, DEFAULTS))
                .expect(new AppealDecided("t1", 1, "ap1", AppealLodged.Subject.EVALUATION_OUTCOME, AppealDecided.Ruling.OVERTURNED,
                        "评议对象有误"), new TopicClosed("t1", 2))
                .given(new AppealDecided("t1", 1, "ap1", AppealLodged.Subject.EVALUATION_OUTCOME, AppealDecided.Ruling.OVERTURNED,
                        "评议对象有误"), new TopicClosed("t1", 2));
        TopicFacts facts = scenario.aggregate().facts();
        assertThat(scenario.aggregate().status()).isEqualTo(Case.Status.CLOSED);
        assertThat(facts.resolved()).isTrue();
        assertThat(facts.resolvedOnTime()).isTrue();
        assertThat(facts.leadOrgId()).isEqualTo("dept-01");
        assertThat(facts.coClaimantOrgIds()).containsExactly("dept-02");
        assertThat(facts.votesCast()).as("the appealed evaluation's votes are set aside").isZero();
        assertThat(facts.overturnedOnAppeal()).isTrue();
    }

    @Test
    void aReopeningCannotBeOverturnedOnceTheNewRoundIsAwarded() {
        reopened().given(new RoundOpened("t1", 2, RoundOpened.Cause.REOPENED_AFTER_EVALUATION), REOPENING_APPEALED,
                        new ClaimAwarded("t1", 2, "c9", "dept-03", List.of(), DUE, false, ClaimAwarded.AwardedBy.FIRST_COME))
                .when(c -> c.decideAppeal(COORDINATOR, "ap1", AppealDecided.Ruling.OVERTURNED, "评议对象有误", NOW, WINDOW, DEFAULTS))
                .rejected(Rejection.Kind.CONFLICT, "new-round-awarded");
        reopened().given(new RoundOpened("t1", 2, RoundOpened.Cause.REOPENED_AFTER_EVALUATION),
                        new ClaimAwarded("t1", 2, "c9", "dept-03", List.of(), DUE, false, ClaimAwarded.AwardedBy.FIRST_COME))
                .when(c -> c.appeal(LEAD, "ap1", "不公", null, NOW)).rejected(Rejection.Kind.CONFLICT, "nothing-to-appeal");
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
