package io.jiebang.events.resolution;

import io.jiebang.events.DomainEvent;
import java.time.Instant;
import java.util.List;

/**
 * A reporting period of a batch ended: resolution's part of the period's digest, the leaderboard as counted at
 * {@code countedAt}. Numbered as {@link io.jiebang.events.dispatch.ReportingPeriodClosed}, whose period it completes.
 * Keyed by the batch id.
 */
public record LeaderboardRecorded(String batchId, int period, Instant periodEnd, Instant countedAt, List<Standing> standings)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return batchId;
    }
}
