package io.jiebang.console.application;

import io.jiebang.console.readmodel.TopicStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/** How many topics the board shows in each condition, counted from the board's list index (no document is read). */
public interface BoardCounts {

    /** Awarded work not yet accepted, as dispatch-service counts a topic overdue in its dispatch report. */
    Set<TopicStatus> UNDER_WAY = Set.of(TopicStatus.AWARDED, TopicStatus.IN_PROGRESS, TopicStatus.RESOLUTION_SUBMITTED);

    /**
     * @param byStatus topics in each state (absent: none)
     * @param byEscalationLevel topics by the highest level of their open reminders (1) and escalations (2, 3)
     * @param overdue topics {@link #UNDER_WAY} whose due date has passed
     */
    record Counts(Map<TopicStatus, Long> byStatus, Map<Integer, Long> byEscalationLevel, long overdue) {
    }

    Mono<Counts> counts(Instant now);
}
