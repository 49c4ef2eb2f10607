package io.jiebang.events.batch;

import java.time.Instant;

/**
 * A coordinator planned a batch: its claim window, the due date for work, the reporting period, how its
 * evaluations are run and how long each stage of its topics may wait ({@code evaluation} and {@code stageLimits}:
 * absent in events written before they existed, which means {@link EvaluationSettings#DEFAULTS} and
 * {@link StageLimits#DEFAULTS}).
 */
public record BatchCreated(String batchId, String name, Instant opensAt, Instant claimDeadline, Instant dueDate,
                           int reportingPeriodDays, EvaluationSettings evaluation, StageLimits stageLimits)
        implements BatchEvent {

    /** A batch planned with the default evaluation settings and stage limits. */
    public BatchCreated(String batchId, String name, Instant opensAt, Instant claimDeadline, Instant dueDate,
                        int reportingPeriodDays) {
        this(batchId, name, opensAt, claimDeadline, dueDate, reportingPeriodDays, null, null);
    }

    /** The batch's evaluation settings, the defaults when none were recorded. */
    public EvaluationSettings evaluationSettings() {
        return EvaluationSettings.orDefaults(evaluation);
    }

    /** The batch's stage limits, the defaults when none were recorded. */
    public StageLimits stageLimitsOrDefaults() {
        return StageLimits.orDefaults(stageLimits);
    }
}
