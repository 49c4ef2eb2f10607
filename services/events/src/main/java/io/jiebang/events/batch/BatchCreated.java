package io.jiebang.events.batch;

import java.time.Instant;

/**
 * A coordinator planned a batch: its claim window, the due date for work, the reporting period and how its
 * evaluations are run ({@code evaluation}: absent in events written before it existed, which means
 * {@link EvaluationSettings#DEFAULTS}).
 */
public record BatchCreated(String batchId, String name, Instant opensAt, Instant claimDeadline, Instant dueDate,
                           int reportingPeriodDays, EvaluationSettings evaluation) implements BatchEvent {

    /** A batch planned with the default evaluation settings. */
    public BatchCreated(String batchId, String name, Instant opensAt, Instant claimDeadline, Instant dueDate,
                        int reportingPeriodDays) {
        this(batchId, name, opensAt, claimDeadline, dueDate, reportingPeriodDays, null);
    }

    /** The batch's evaluation settings, the defaults when none were recorded. */
    public EvaluationSettings evaluationSettings() {
        return EvaluationSettings.orDefaults(evaluation);
    }
}
