package io.jiebang.dispatch.domain;

import io.jiebang.events.batch.StageLimits;
import io.jiebang.events.dispatch.EscalationRaised.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToIntFunction;

/**
 * A stage in which a topic waits for someone other than its team to act, with the batch's limit for it. Waiting
 * one whole limit raises a reminder to whoever must act (level 1), two limits the coordinator (level 2), three
 * limits district leadership (level 3); the stage moving on clears them (docs/rules.md).
 */
public enum Stage {
    /** A poster-selects topic with bids waiting after claiming closed (or a later round's window): the poster awards one. */
    AWARD(Reason.AWARD_OVERDUE, StageLimits::awardDays),
    /** A submitted resolution: the poster accepts or rejects it. */
    VERDICT(Reason.VERDICT_OVERDUE, StageLimits::verdictDays),
    /** An accepted resolution: the poster issues evaluation links. */
    EVALUATION_LINKS(Reason.EVALUATION_LINKS_OVERDUE, StageLimits::evaluationLinksDays),
    /** An UNCLAIMED topic: the coordinator assigns it. */
    ASSIGNMENT(Reason.ASSIGNMENT_OVERDUE, StageLimits::assignmentDays);

    public static final int HIGHEST_LEVEL = 3;

    private final Reason reason;
    private final ToIntFunction<StageLimits> limitDays;

    Stage(Reason reason, ToIntFunction<StageLimits> limitDays) {
        this.reason = reason;
        this.limitDays = limitDays;
    }

    public Reason reason() {
        return reason;
    }

    /** The level reached by a wait that began at {@code since}: one per whole limit, at most the highest. */
    public int levelAt(Instant now, Instant since, StageLimits limits) {
        if (now.isBefore(since)) {
            return 0;
        }
        long waited = Duration.between(since, now).dividedBy(Duration.ofDays(limitDays.applyAsInt(limits)));
        return (int) Math.min(HIGHEST_LEVEL, waited);
    }
}
