package io.jiebang.dispatch.domain;

import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.StageLimits;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.CoClaimantAccepted;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicUnclaimed;
import io.jiebang.events.dispatch.EscalationCleared;
import io.jiebang.events.dispatch.EscalationRaised;
import io.jiebang.events.dispatch.EscalationRaised.Reason;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.resolution.EvaluationLinksIssued;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.events.EventEnvelope;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.testsupport.AggregateScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssignmentTest {

    static final Instant AWARDED_AT = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant DUE = AWARDED_AT.plus(Duration.ofDays(30));
    static final Schedule WEEKLY = new Schedule(Duration.ofDays(7), Duration.ofDays(7));
    static final Actor LEAD = new Actor("dept-01", "dept-01", Actor.Role.STAFF);
    static final Actor CO = new Actor("dept-02", "dept-02", Actor.Role.STAFF);
    static final Actor OUTSIDER = new Actor("dept-09", "dept-09", Actor.Role.STAFF);

    static final TopicPublished PUBLISHED = new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT,
            "加装电梯", "SW-01", DUE, ClaimMode.FIRST_COME, 2);
    static final ClaimAwarded AWARDED = new ClaimAwarded("t1", 1, "c1", "dept-01", List.of("dept-02"), DUE, true,
            ClaimAwarded.AwardedBy.FIRST_COME);

    AggregateScenario<Assignment> awarded() {
        return AggregateScenario.of(new Assignment("t1")).at(AWARDED_AT).given(PUBLISHED, AWARDED);
    }

    @Test
    void theLeadAndCoClaimantsReportOthersDoNot() {
        awarded()
                .when(a -> a.report(LEAD, "p1", 30, " 完成选址 ", "")).expect(new ProgressReported("t1", 1, "p1", "dept-01", 30, "完成选址", null))
                .when(a -> a.report(CO, "p2", 40, "设计完成", "设计")).expect(new ProgressReported("t1", 1, "p2", "dept-02", 40, "设计完成", "设计"))
                .when(a -> a.report(OUTSIDER, "p3", 50, "x", null)).rejected(Rejection.Kind.FORBIDDEN, "not-on-the-team")
                .when(a -> a.report(LEAD, "p4", 101, "x", null)).rejected(Rejection.Kind.INVALID, "percent-out-of-range");
    }

    @Test
    void aNamedCoClaimantReportsOnlyOnceItHasJoinedTheTeam() {
        AggregateScenario.of(new Assignment("t1")).at(AWARDED_AT).given(PUBLISHED,
                        new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), DUE, true, ClaimAwarded.AwardedBy.FIRST_COME))
                .when(a -> a.report(CO, "p1", 10, "参与", null)).rejected(Rejection.Kind.FORBIDDEN, "not-on-the-team")
                .given(new CoClaimantAccepted("t1", 1, "c1", "dept-02", true))
                .when(a -> a.report(CO, "p1", 10, "参与", null)).expect(new ProgressReported("t1", 1, "p1", "dept-02", 10, "参与", null));
    }

    @Test
    void anUnknownTopicIsNotFound() {
        AggregateScenario.of(new Assignment("t9"))
                .when(a -> a.report(LEAD, "p1", 10, "x", null)).rejected(Rejection.Kind.NOT_FOUND, "topic-not-found");
    }

    @Test
    void nothingToReportBeforeTheAward() {
        AggregateScenario.of(new Assignment("t1")).given(PUBLISHED)
                .when(a -> a.report(LEAD, "p1", 10, "x", null)).rejected(Rejection.Kind.CONFLICT, "topic-not-awarded");
    }

    @Test
    void aMissedPeriodRaisesAReminderAndTwoEscalateToTheCoordinator() {
        String reminder = "t1:1:1:" + AWARDED_AT.toEpochMilli();
        String escalation = "t1:1:2:" + AWARDED_AT.toEpochMilli();
        awarded()
                .when(a -> a.checkSchedule(AWARDED_AT.plus(Duration.ofDays(6)), WEEKLY)).expectNothing()
                .when(a -> a.checkSchedule(AWARDED_AT.plus(Duration.ofDays(7)), WEEKLY))
                .expect(new EscalationRaised("t1", 1, reminder, "b1", "dept-01", 1, Reason.MISSED_PERIOD, AWARDED_AT))
                .given(new EscalationRaised("t1", 1, reminder, "b1", "dept-01", 1, Reason.MISSED_PERIOD, AWARDED_AT))
                .when(a -> a.checkSchedule(AWARDED_AT.plus(Duration.ofDays(10)), WEEKLY)).expectNothing()
                .when(a -> a.checkSchedule(AWARDED_AT.plus(Duration.ofDays(14)), WEEKLY))
                .expect(new EscalationRaised("t1", 1, escalation, "b1", "dept-01", 2, Reason.MISSED_TWO_PERIODS, AWARDED_AT))
                .given(new EscalationRaised("t1", 1, escalation, "b1", "dept-01", 2, Reason.MISSED_TWO_PERIODS, AWARDED_AT))
                .when(a -> a.report(LEAD, "p1", 50, "赶上进度", null)).expect(
                        new ProgressReported("t1", 1, "p1", "dept-01", 50, "赶上进度", null),
                        new EscalationCleared("t1", 1, List.of(reminder, escalation), EscalationCleared.Cause.PROGRESS_REPORTED));
    }

    @Test
    void aPassedDueDateGoesToTheCoordinatorAndBeyondGraceToLeadership() {
        Instant reportedAt = DUE.minus(Duration.ofDays(2));
        var scenario = awarded().at(reportedAt).given(new ProgressReported("t1", 1, "p1", "dept-01", 90, "收尾", null));
        scenario.when(a -> a.checkSchedule(DUE.plusSeconds(1), WEEKLY)).expect(new EscalationRaised("t1", 1,
                "t1:1:2:" + reportedAt.toEpochMilli(), "b1", "dept-01", 2, Reason.PAST_DUE, reportedAt));
        scenario.when(a -> a.checkSchedule(DUE.plus(Duration.ofDays(7)).plusSeconds(1), WEEKLY)).expect(new EscalationRaised("t1", 1,
                "t1:1:3:" + reportedAt.toEpochMilli(), "b1", "dept-01", 3, Reason.OVERDUE_BEYOND_GRACE, reportedAt));
    }

    @Test
    void noRemindersWhileAResolutionAwaitsTheVerdictAndTheClockRestartsOnRejection() {
        Instant submittedAt = AWARDED_AT.plus(Duration.ofDays(5));
        Instant rejectedAt = AWARDED_AT.plus(Duration.ofDays(20));
        var scenario = awarded().at(submittedAt).given(new ResolutionSubmitted("t1", 1, "r1", "dept-01", "完成", "照片"));
        scenario.when(a -> a.checkSchedule(AWARDED_AT.plus(Duration.ofDays(19)), WEEKLY)).expectNothing();
        scenario.at(rejectedAt).given(new ResolutionRejected("t1", 1, "r1", "证据不足"))
                .when(a -> a.checkSchedule(rejectedAt.plus(Duration.ofDays(6)), WEEKLY)).expectNothing()
                .when(a -> a.checkSchedule(rejectedAt.plus(Duration.ofDays(7)), WEEKLY)).expectThat(events ->
                        org.assertj.core.api.Assertions.assertThat(((EscalationRaised) events.get(0)).level()).isEqualTo(1));
    }

    @Test
    void aWithdrawnAwardEndsTheScheduleAndClearsWhatIsOpen() {
        String reminder = "t1:1:1:" + AWARDED_AT.toEpochMilli();
        awarded().given(new EscalationRaised("t1", 1, reminder, "b1", "dept-01", 1, Reason.MISSED_PERIOD, AWARDED_AT))
                .when(a -> a.onUpstream(new AwardWithdrawn("t1", 1, "c1", "dept-01", null)))
                .expect(new EscalationCleared("t1", 1, List.of(reminder), EscalationCleared.Cause.ROUND_ENDED))
                .given(new AwardWithdrawn("t1", 1, "c1", "dept-01", null))
                .when(a -> a.checkSchedule(AWARDED_AT.plus(Duration.ofDays(30)), WEEKLY)).expectNothing();
    }

    static final StageLimits LIMITS = new StageLimits(7, 5, 2, 3, 4);

    /** The batch as dispatch knows it: planned with {@link #LIMITS}, its claiming closed at {@code closedAt} if given. */
    static BatchRules batch(Instant closedAt) {
        BatchRules batch = new BatchRules("b1");
        batch.apply(EventEnvelope.wrap(new BatchCreated("b1", "第一批", AWARDED_AT.minus(Duration.ofDays(20)), AWARDED_AT,
                DUE, 7, null, LIMITS), 1, AWARDED_AT.minus(Duration.ofDays(21)), "/jiebang/topic-service", null, "c", null));
        if (closedAt != null) {
            batch.apply(EventEnvelope.wrap(new BatchClaimingClosed("b1", BatchClaimingClosed.Cause.DEADLINE), 2, closedAt,
                    "/jiebang/topic-service", null, "c", null));
        }
        return batch;
    }

    @Test
    void aVerdictWaitedForRemindsThePosterThenEscalatesLimitByLimitAndTheVerdictClearsIt() {
        Instant submittedAt = AWARDED_AT.plus(Duration.ofDays(5));
        Instant fiveDays = submittedAt.plus(Duration.ofDays(5));
        String reminder = "t1:1:VERDICT:1:" + submittedAt.toEpochMilli();
        String coordinator = "t1:1:VERDICT:2:" + submittedAt.toEpochMilli();
        String leadership = "t1:1:VERDICT:3:" + submittedAt.toEpochMilli();
        ResolutionSubmitted submitted = new ResolutionSubmitted("t1", 1, "r1", "dept-01", "完成", "照片");
        ResolutionAccepted accepted = new ResolutionAccepted("t1", 1, "r1", "dept-01", true, DUE);
        awarded().at(submittedAt).given(submitted)
                .when(a -> a.checkStage(fiveDays.minusSeconds(1), batch(null))).expectNothing()
                .when(a -> a.checkStage(fiveDays, batch(null)))
                .expect(new EscalationRaised("t1", 1, reminder, "b1", "dept-01", 1, Reason.VERDICT_OVERDUE, submittedAt))
                .given(new EscalationRaised("t1", 1, reminder, "b1", "dept-01", 1, Reason.VERDICT_OVERDUE, submittedAt))
                .when(a -> a.checkStage(fiveDays.plus(Duration.ofDays(1)), batch(null))).expectNothing()
                .when(a -> a.checkStage(submittedAt.plus(Duration.ofDays(10)), batch(null)))
                .expect(new EscalationRaised("t1", 1, coordinator, "b1", "dept-01", 2, Reason.VERDICT_OVERDUE, submittedAt))
                .given(new EscalationRaised("t1", 1, coordinator, "b1", "dept-01", 2, Reason.VERDICT_OVERDUE, submittedAt))
                .when(a -> a.checkStage(submittedAt.plus(Duration.ofDays(15)), batch(null)))
                .expect(new EscalationRaised("t1", 1, leadership, "b1", "dept-01", 3, Reason.VERDICT_OVERDUE, submittedAt))
                .given(new EscalationRaised("t1", 1, leadership, "b1", "dept-01", 3, Reason.VERDICT_OVERDUE, submittedAt))
                .when(a -> a.checkStage(submittedAt.plus(Duration.ofDays(60)), batch(null))).expectNothing()
                // the verdict moves the topic on to its next stage, which waits for the links from now on
                .given(accepted)
                .when(a -> a.onUpstream(accepted)).expect(
                        new EscalationCleared("t1", 1, List.of(reminder, coordinator, leadership), EscalationCleared.Cause.STAGE_MOVED_ON));
    }

    @Test
    void anAcceptedResolutionWaitsForEvaluationLinksUntilTheyAreIssued() {
        Instant acceptedAt = AWARDED_AT.plus(Duration.ofDays(8));
        String reminder = "t1:1:EVALUATION_LINKS:1:" + acceptedAt.toEpochMilli();
        EvaluationLinksIssued issued = new EvaluationLinksIssued("t1", 1, 10, acceptedAt.plus(Duration.ofDays(7)));
        var scenario = awarded().at(acceptedAt).given(new ResolutionSubmitted("t1", 1, "r1", "dept-01", "完成", "照片"),
                new ResolutionAccepted("t1", 1, "r1", "dept-01", true, acceptedAt.plus(Duration.ofDays(7))));
        scenario.when(a -> a.checkSchedule(acceptedAt.plus(Duration.ofDays(30)), WEEKLY)).expectNothing()
                .when(a -> a.checkStage(acceptedAt.plus(Duration.ofDays(2)), batch(null)))
                .expect(new EscalationRaised("t1", 1, reminder, "b1", "dept-01", 1, Reason.EVALUATION_LINKS_OVERDUE, acceptedAt))
                .given(new EscalationRaised("t1", 1, reminder, "b1", "dept-01", 1, Reason.EVALUATION_LINKS_OVERDUE, acceptedAt))
                .given(issued)
                .when(a -> a.onUpstream(issued))
                .expect(new EscalationCleared("t1", 1, List.of(reminder), EscalationCleared.Cause.STAGE_MOVED_ON))
                .when(a -> a.checkStage(acceptedAt.plus(Duration.ofDays(30)), batch(null))).expectNothing();
    }

    @Test
    void bidsWaitForThePostersAwardFromTheCloseOfClaimingNotBefore() {
        TopicPublished selects = new TopicPublished("t1", "b1", "dept-07", Direction.DEPARTMENT_TO_STREET, "社区议事",
                "SW-01", DUE, ClaimMode.POSTER_SELECTS, 0);
        Instant closedAt = AWARDED_AT.plus(Duration.ofDays(1));
        var scenario = AggregateScenario.of(new Assignment("t1")).at(AWARDED_AT).given(selects);
        scenario.when(a -> a.checkStage(AWARDED_AT.plus(Duration.ofDays(60)), batch(null))).expectNothing()
                .when(a -> a.checkStage(closedAt.plus(Duration.ofDays(7)), batch(closedAt))).expect(new EscalationRaised("t1", 1,
                        "t1:1:AWARD:1:" + closedAt.toEpochMilli(), "b1", null, 1, Reason.AWARD_OVERDUE, closedAt));
        AggregateScenario.of(new Assignment("t1")).at(AWARDED_AT).given(PUBLISHED)
                .when(a -> a.checkStage(closedAt.plus(Duration.ofDays(60)), batch(closedAt))).expectNothing();
    }

    @Test
    void inALaterRoundBidsWaitForTheAwardFromTheEndOfTheRoundsClaimWindow() {
        TopicPublished selects = new TopicPublished("t1", "b1", "dept-07", Direction.DEPARTMENT_TO_STREET, "社区议事",
                "SW-01", DUE, ClaimMode.POSTER_SELECTS, 0);
        Instant reopenedAt = AWARDED_AT.plus(Duration.ofDays(20));
        Instant windowEnds = reopenedAt.plus(Duration.ofDays(4));
        AggregateScenario.of(new Assignment("t1")).at(AWARDED_AT).given(selects,
                        new ClaimAwarded("t1", 1, "c1", "street-01", List.of(), DUE, true, ClaimAwarded.AwardedBy.POSTER))
                .at(reopenedAt).given(new AwardWithdrawn("t1", 1, "c1", "street-01", null),
                        new RoundOpened("t1", 2, RoundOpened.Cause.AWARD_WITHDRAWN))
                .when(a -> a.checkStage(windowEnds.plus(Duration.ofDays(7)).minusSeconds(1), batch(AWARDED_AT))).expectNothing()
                .when(a -> a.checkStage(windowEnds.plus(Duration.ofDays(7)), batch(AWARDED_AT))).expect(new EscalationRaised("t1", 2,
                        "t1:2:AWARD:1:" + windowEnds.toEpochMilli(), "b1", null, 1, Reason.AWARD_OVERDUE, windowEnds));
    }

    @Test
    void anUnclaimedTopicWaitsForTheCoordinatorUntilItIsAssigned() {
        Instant unclaimedAt = AWARDED_AT.plus(Duration.ofDays(1));
        String reminder = "t1:1:ASSIGNMENT:1:" + unclaimedAt.toEpochMilli();
        TopicAssigned assigned = new TopicAssigned("t1", 1, "dept-05", DUE);
        AggregateScenario.of(new Assignment("t1")).at(unclaimedAt).given(PUBLISHED, new TopicUnclaimed("t1", 1))
                .when(a -> a.checkStage(unclaimedAt.plus(Duration.ofDays(3)), batch(AWARDED_AT)))
                .expect(new EscalationRaised("t1", 1, reminder, "b1", null, 1, Reason.ASSIGNMENT_OVERDUE, unclaimedAt))
                .given(new EscalationRaised("t1", 1, reminder, "b1", null, 1, Reason.ASSIGNMENT_OVERDUE, unclaimedAt))
                .given(assigned)
                .when(a -> a.onUpstream(assigned))
                .expect(new EscalationCleared("t1", 1, List.of(reminder), EscalationCleared.Cause.STAGE_MOVED_ON))
                .when(a -> a.checkStage(unclaimedAt.plus(Duration.ofDays(30)), batch(AWARDED_AT))).expectNothing();
    }

    @Test
    void aStagesEscalationsAreNotTheTeams() {
        Instant submittedAt = AWARDED_AT.plus(Duration.ofDays(5));
        Assignment waiting = awarded().at(submittedAt).given(new ResolutionSubmitted("t1", 1, "r1", "dept-01", "完成", "照片"),
                new EscalationRaised("t1", 1, "v1", "b1", "dept-01", 2, Reason.VERDICT_OVERDUE, submittedAt)).aggregate();
        org.assertj.core.api.Assertions.assertThat(waiting.openLevel()).as("the topic's").isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(waiting.teamLevel()).as("the team's, in the dispatch report").isZero();
    }
}
