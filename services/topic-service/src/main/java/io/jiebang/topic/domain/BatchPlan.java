package io.jiebang.topic.domain;

import io.jiebang.events.batch.EvaluationSettings;
import io.jiebang.events.batch.StageLimits;
import java.time.Instant;

/**
 * What a coordinator plans for a batch.
 *
 * @param evaluation how its evaluations are run; null for {@link EvaluationSettings#DEFAULTS}
 * @param stageLimits how long each stage of its topics may wait; null for {@link StageLimits#DEFAULTS}
 */
public record BatchPlan(String name, Instant opensAt, Instant claimDeadline, Instant dueDate, int reportingPeriodDays,
                        EvaluationSettings evaluation, StageLimits stageLimits) {

    public BatchPlan(String name, Instant opensAt, Instant claimDeadline, Instant dueDate, int reportingPeriodDays) {
        this(name, opensAt, claimDeadline, dueDate, reportingPeriodDays, null, null);
    }
}
