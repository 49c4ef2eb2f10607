package io.jiebang.events.dispatch;

import io.jiebang.events.RoundEvent;

/** The lead or a co-claimant reported progress (办理); fed back to the poster. */
public record ProgressReported(String topicId, int round, String reportId, String orgId, int percent, String note,
                               String milestone) implements RoundEvent {
}
