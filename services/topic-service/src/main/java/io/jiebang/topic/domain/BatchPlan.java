package io.jiebang.topic.domain;

import io.jiebang.events.batch.EvaluationSettings;
import java.time.Instant;

/**
 * What a coordinator plans for a batch.
 *
 * @param evaluation how its evaluations are run; null for {@link EvaluationSettings#DEFAULTS}
 */
public record BatchPlan(String name, Instant opensAt, Instant claimDeadline, Instant dueDate, int reportingPeriodDays,
                        EvaluationSettings evaluation) {

    public BatchPlan(String name, Instant opensAt, Instant claimDeadline, Instant dueDate, int reportingPeriodDays) {
        this(name, opensAt, claimDeadline, dueDate, reportingPeriodDays, null);
    }
}
