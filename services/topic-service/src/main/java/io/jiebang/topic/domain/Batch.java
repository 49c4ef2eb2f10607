package io.jiebang.topic.domain;

import java.util.Set;
import io.jiebang.events.Actor;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.events.batch.EvaluationSettings;
import io.jiebang.events.batch.StageLimits;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.platform.domain.Aggregate;
import java.time.Instant;
import java.util.List;

/** A batch (批次): {@code PLANNED → OPEN → CLAIMING_CLOSED → CLOSED}, run by the coordinator. */
public final class Batch implements Aggregate {

    public static final int MAX_REPORTING_PERIOD_DAYS = 90;
    public static final int MAX_EVALUATION_QUORUM = 100;
    public static final int MAX_EVALUATION_MINIMUM_WINDOW_HOURS = 720;
    public static final int MAX_EVALUATION_LINKS_PER_ROUND = 1000;
    public static final int MAX_STAGE_LIMIT_DAYS = 90;

    public enum State {
        PLANNED, OPEN, CLAIMING_CLOSED, CLOSED
    }

    private final String id;
    private State state;
    private BatchPlan plan;

    public Batch(String id) {
        this.id = id;
    }

    public List<DomainEvent> create(Actor actor, BatchPlan plan, Instant now) {
        requireCoordinator(actor);
        if (state != null) {
            throw Rejection.conflict("batch-exists", "batch {0} already exists", id);
        }
        if (plan.name() == null || plan.name().isBlank()) {
            throw Rejection.invalid("name", "batch-name-missing", "a batch needs a name");
        }
        if (!plan.opensAt().isBefore(plan.claimDeadline())) {
            throw Rejection.invalid("claimDeadline", "claim-deadline-before-opening", "the claim deadline must come after opensAt");
        }
        if (plan.claimDeadline().isAfter(plan.dueDate())) {
            throw Rejection.invalid("dueDate", "due-date-before-claim-deadline", "the due date cannot come before the claim deadline");
        }
        if (!plan.claimDeadline().isAfter(now)) {
            throw Rejection.invalid("claimDeadline", "claim-deadline-past", "the claim deadline must be in the future");
        }
        if (plan.reportingPeriodDays() < 1 || plan.reportingPeriodDays() > MAX_REPORTING_PERIOD_DAYS) {
            throw Rejection.invalid("reportingPeriodDays", "reporting-period-out-of-range", "the reporting period is 1 to {0} days",
                    MAX_REPORTING_PERIOD_DAYS);
        }
        EvaluationSettings evaluation = EvaluationSettings.orDefaults(plan.evaluation());
        requireSensible(evaluation);
        StageLimits stageLimits = StageLimits.orDefaults(plan.stageLimits());
        requireSensible(stageLimits);
        return List.of(new BatchCreated(id, plan.name().strip(), plan.opensAt(), plan.claimDeadline(), plan.dueDate(),
                plan.reportingPeriodDays(), evaluation, stageLimits));
    }

    /** Every stage may wait 1 to 90 days. */
    private static void requireSensible(StageLimits limits) {
        requireStageLimit("awardLimitDays", limits.awardDays());
        requireStageLimit("verdictLimitDays", limits.verdictDays());
        requireStageLimit("evaluationLinksLimitDays", limits.evaluationLinksDays());
        requireStageLimit("assignmentLimitDays", limits.assignmentDays());
        requireStageLimit("newRoundClaimDays", limits.newRoundClaimDays());
    }

    private static void requireStageLimit(String field, int days) {
        if (days < 1 || days > MAX_STAGE_LIMIT_DAYS) {
            throw Rejection.invalid(field, "stage-limit-out-of-range", "a stage limit is 1 to {0} days", MAX_STAGE_LIMIT_DAYS);
        }
    }

    /** An evaluation needs at least one vote, a window of up to 30 days, and enough links to reach its quorum. */
    private static void requireSensible(EvaluationSettings evaluation) {
        if (evaluation.quorum() < 1 || evaluation.quorum() > MAX_EVALUATION_QUORUM) {
            throw Rejection.invalid("evaluationQuorum", "evaluation-quorum-out-of-range",
                    "the evaluation quorum is 1 to {0} votes", MAX_EVALUATION_QUORUM);
        }
        if (evaluation.minimumWindowHours() < 0 || evaluation.minimumWindowHours() > MAX_EVALUATION_MINIMUM_WINDOW_HOURS) {
            throw Rejection.invalid("evaluationMinimumWindowHours", "evaluation-minimum-window-out-of-range",
                    "the minimum evaluation window is 0 to {0} hours", MAX_EVALUATION_MINIMUM_WINDOW_HOURS);
        }
        if (evaluation.linksPerRound() < 1 || evaluation.linksPerRound() > MAX_EVALUATION_LINKS_PER_ROUND) {
            throw Rejection.invalid("evaluationLinksPerRound", "evaluation-links-out-of-range",
                    "evaluation links per round are 1 to {0}", MAX_EVALUATION_LINKS_PER_ROUND);
        }
        if (evaluation.quorum() > evaluation.linksPerRound()) {
            throw Rejection.invalid("evaluationQuorum", "evaluation-quorum-above-links",
                    "the quorum ({0} votes) cannot exceed the links per round ({1})", evaluation.quorum(),
                    evaluation.linksPerRound());
        }
    }

    public List<DomainEvent> open(Actor actor) {
        requireCoordinator(actor);
        requireExists();
        if (state != State.PLANNED) {
            throw Rejection.conflict("batch-not-planned", "only a PLANNED batch can be opened; batch {0} is {1}", id, state);
        }
        return List.of(new BatchOpened(id));
    }

    public List<DomainEvent> closeClaiming(Actor actor) {
        requireCoordinator(actor);
        requireExists();
        if (state != State.OPEN) {
            throw Rejection.conflict("batch-not-claiming", "claiming closes only in an OPEN batch; batch {0} is {1}", id, state);
        }
        return List.of(new BatchClaimingClosed(id, BatchClaimingClosed.Cause.COORDINATOR));
    }

    public List<DomainEvent> close(Actor actor) {
        requireCoordinator(actor);
        requireExists();
        if (state != State.CLAIMING_CLOSED) {
            throw Rejection.conflict("batch-claiming-not-closed", "close claiming before closing the batch; batch {0} is {1}",
                    id, state);
        }
        return List.of(new BatchClosed(id));
    }

    /** Claiming closes by itself when the claim deadline passes. */
    public List<DomainEvent> deadlinePassed(Instant now) {
        if (state == State.OPEN && !now.isBefore(plan.claimDeadline())) {
            return List.of(new BatchClaimingClosed(id, BatchClaimingClosed.Cause.DEADLINE));
        }
        return List.of();
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof BatchCreated created) {
            state = State.PLANNED;
            plan = new BatchPlan(created.name(), created.opensAt(), created.claimDeadline(), created.dueDate(),
                    created.reportingPeriodDays(), created.evaluationSettings(), created.stageLimitsOrDefaults());
        } else if (event.data() instanceof BatchOpened) {
            state = State.OPEN;
        } else if (event.data() instanceof BatchClaimingClosed) {
            state = State.CLAIMING_CLOSED;
        } else if (event.data() instanceof BatchClosed) {
            state = State.CLOSED;
        }
    }

    public boolean exists() {
        return state != null;
    }

    /** The set of batches open for claims, which wait for their claim deadline. */
    public static final String OPEN_FOR_CLAIMS = "open";

    /** Open batches wait for their claim deadline (see {@code BatchDeadlines}). */
    @Override
    public Set<String> sets() {
        return state == State.OPEN ? Set.of(OPEN_FOR_CLAIMS) : Set.of();
    }

    public State state() {
        return state;
    }

    public BatchPlan plan() {
        return plan;
    }

    public String id() {
        return id;
    }

    private void requireExists() {
        if (state == null) {
            throw Rejection.notFound("batch-not-found", "no batch {0}", id);
        }
    }

    static void requireCoordinator(Actor actor) {
        if (!actor.isCoordinator()) {
            throw Rejection.forbidden("coordinator-only", "only a coordinator manages batches");
        }
    }
}
