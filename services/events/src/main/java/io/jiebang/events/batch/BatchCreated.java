package io.jiebang.events.batch;

import java.time.Instant;

/** A coordinator planned a batch: its claim window, the due date for work and the reporting period. */
public record BatchCreated(String batchId, String name, Instant opensAt, Instant claimDeadline, Instant dueDate,
                           int reportingPeriodDays) implements BatchEvent {
}
