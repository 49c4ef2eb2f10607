package io.jiebang.events.batch;

import java.time.Duration;
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

    /**
     * The last reporting period (定期调度) to have ended by {@code now}: periods are numbered from 1, each
     * {@code reportingPeriodDays} long from {@code opensAt}; 0 before the first has ended.
     */
    public int reportingPeriodEndedBy(Instant now) {
        if (!now.isAfter(opensAt)) {
            return 0;
        }
        return (int) Duration.between(opensAt, now).dividedBy(Duration.ofDays(reportingPeriodDays));
    }

    /** When reporting period {@code period} (from 1) ends. */
    public Instant reportingPeriodEnd(int period) {
        return opensAt.plus(Duration.ofDays((long) reportingPeriodDays * period));
    }
}
