package io.jiebang.topic.domain;

import io.jiebang.events.Actor;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.EvaluationSettings;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.events.batch.StageLimits;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.testsupport.AggregateScenario;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatchTest {

    static final Actor COORDINATOR = new Actor("c1", null, Actor.Role.COORDINATOR);
    static final Actor STAFF = new Actor("u1", "street-01", Actor.Role.STAFF);
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final BatchPlan PLAN = new BatchPlan("第一批", NOW, NOW.plusSeconds(86400 * 14), NOW.plusSeconds(86400 * 90), 7);
    static final BatchCreated CREATED = new BatchCreated("b1", "第一批", PLAN.opensAt(), PLAN.claimDeadline(),
            PLAN.dueDate(), 7, EvaluationSettings.DEFAULTS, StageLimits.DEFAULTS);

    AggregateScenario<Batch> batch() {
        return AggregateScenario.of(new Batch("b1"));
    }

    @Test
    void aCoordinatorPlansABatch() {
        batch().when(b -> b.create(COORDINATOR, PLAN, NOW)).expect(CREATED);
    }

    @Test
    void staffCannotPlanBatches() {
        batch().when(b -> b.create(STAFF, PLAN, NOW)).rejected(Rejection.Kind.FORBIDDEN, "coordinator-only");
    }

    @Test
    void theWindowMustMakeSense() {
        BatchPlan backwards = new BatchPlan("x", PLAN.claimDeadline(), PLAN.opensAt(), PLAN.dueDate(), 7);
        batch().when(b -> b.create(COORDINATOR, backwards, NOW)).rejected(Rejection.Kind.INVALID, "claim-deadline-before-opening");
        BatchPlan dueTooEarly = new BatchPlan("x", PLAN.opensAt(), PLAN.claimDeadline(), PLAN.opensAt(), 7);
        batch().when(b -> b.create(COORDINATOR, dueTooEarly, NOW)).rejected(Rejection.Kind.INVALID, "due-date-before-claim-deadline");
        BatchPlan noPeriod = new BatchPlan("x", PLAN.opensAt(), PLAN.claimDeadline(), PLAN.dueDate(), 0);
        batch().when(b -> b.create(COORDINATOR, noPeriod, NOW)).rejected(Rejection.Kind.INVALID, "reporting-period-out-of-range");
    }

    @Test
    void theEvaluationSettingsAreRecordedAndMustMakeSense() {
        batch().when(b -> b.create(COORDINATOR, withEvaluation(5, 24, 80), NOW)).expect(new BatchCreated("b1", "第一批",
                PLAN.opensAt(), PLAN.claimDeadline(), PLAN.dueDate(), 7, new EvaluationSettings(5, 24, 80), StageLimits.DEFAULTS));
        batch().when(b -> b.create(COORDINATOR, withEvaluation(0, 24, 80), NOW))
                .rejected(Rejection.Kind.INVALID, "evaluation-quorum-out-of-range");
        batch().when(b -> b.create(COORDINATOR, withEvaluation(3, -1, 80), NOW))
                .rejected(Rejection.Kind.INVALID, "evaluation-minimum-window-out-of-range");
        batch().when(b -> b.create(COORDINATOR, withEvaluation(3, 24, 0), NOW))
                .rejected(Rejection.Kind.INVALID, "evaluation-links-out-of-range");
        batch().when(b -> b.create(COORDINATOR, withEvaluation(10, 24, 5), NOW))
                .rejected(Rejection.Kind.INVALID, "evaluation-quorum-above-links");
    }

    static BatchPlan withEvaluation(int quorum, int minimumWindowHours, int linksPerRound) {
        return new BatchPlan(PLAN.name(), PLAN.opensAt(), PLAN.claimDeadline(), PLAN.dueDate(), 7,
                new EvaluationSettings(quorum, minimumWindowHours, linksPerRound), null);
    }

    @Test
    void theStageLimitsAreRecordedAndMustMakeSense() {
        batch().when(b -> b.create(COORDINATOR, withStageLimits(new StageLimits(10, 4, 1, 90, 14)), NOW)).expect(new BatchCreated(
                "b1", "第一批", PLAN.opensAt(), PLAN.claimDeadline(), PLAN.dueDate(), 7, EvaluationSettings.DEFAULTS,
                new StageLimits(10, 4, 1, 90, 14)));
        batch().when(b -> b.create(COORDINATOR, withStageLimits(new StageLimits(0, 4, 1, 3, 7)), NOW))
                .rejected(Rejection.Kind.INVALID, "stage-limit-out-of-range");
        batch().when(b -> b.create(COORDINATOR, withStageLimits(new StageLimits(7, 91, 1, 3, 7)), NOW))
                .rejected(Rejection.Kind.INVALID, "stage-limit-out-of-range");
        batch().when(b -> b.create(COORDINATOR, withStageLimits(new StageLimits(7, 5, -1, 3, 7)), NOW))
                .rejected(Rejection.Kind.INVALID, "stage-limit-out-of-range");
        batch().when(b -> b.create(COORDINATOR, withStageLimits(new StageLimits(7, 5, 2, 0, 7)), NOW))
                .rejected(Rejection.Kind.INVALID, "stage-limit-out-of-range");
        batch().when(b -> b.create(COORDINATOR, withStageLimits(new StageLimits(7, 5, 2, 3, 0)), NOW))
                .rejected(Rejection.Kind.INVALID, "stage-limit-out-of-range");
    }

    static BatchPlan withStageLimits(StageLimits limits) {
        return new BatchPlan(PLAN.name(), PLAN.opensAt(), PLAN.claimDeadline(), PLAN.dueDate(), 7, null, limits);
    }

    @Test
    void aBatchGoesThroughItsStatesInOrder() {
        batch().given(CREATED)
                .when(b -> b.close(COORDINATOR)).rejected(Rejection.Kind.CONFLICT, "batch-claiming-not-closed")
                .when(b -> b.open(COORDINATOR)).expect(new BatchOpened("b1"))
                .given(new BatchOpened("b1"))
                .when(b -> b.open(COORDINATOR)).rejected(Rejection.Kind.CONFLICT, "batch-not-planned")
                .when(b -> b.closeClaiming(COORDINATOR))
                .expect(new BatchClaimingClosed("b1", BatchClaimingClosed.Cause.COORDINATOR))
                .given(new BatchClaimingClosed("b1", BatchClaimingClosed.Cause.COORDINATOR))
                .when(b -> b.close(COORDINATOR)).expect(new BatchClosed("b1"));
    }

    @Test
    void claimingClosesByItselfAtTheDeadline() {
        batch().given(CREATED, new BatchOpened("b1"))
                .when(b -> b.deadlinePassed(PLAN.claimDeadline().minusSeconds(1))).expectNothing()
                .when(b -> b.deadlinePassed(PLAN.claimDeadline()))
                .expect(new BatchClaimingClosed("b1", BatchClaimingClosed.Cause.DEADLINE));
    }

    @Test
    void anUnknownBatchIsNotFound() {
        batch().when(b -> b.open(COORDINATOR)).rejected(Rejection.Kind.NOT_FOUND, "batch-not-found");
    }
}
