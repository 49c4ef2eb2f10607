package io.jiebang.topic.domain;

import java.time.Instant;

/** What a coordinator plans for a batch. */
public record BatchPlan(String name, Instant opensAt, Instant claimDeadline, Instant dueDate, int reportingPeriodDays) {
}
