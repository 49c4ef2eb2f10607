package io.jiebang.console.readmodel;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.dispatch.ReportingPeriodClosed;
import io.jiebang.events.resolution.LeaderboardRecorded;
import io.jiebang.events.resolution.Standing;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The digest of one reporting period of a batch (定期调度通报), as two services recorded it when the period closed:
 * dispatch's part ({@link ReportingPeriodClosed}) and resolution's ({@link LeaderboardRecorded}). Either may come
 * first and either may be missing (null: not yet recorded). Each part, once recorded, is never changed (the store writes
 * a part only where there is none): a redelivery or a second recording of the same period leaves the first. {@code dispatch} and {@code leaderboard} have the shapes
 * of the live dispatch report's parts, so the console shows and exports both alike.
 *
 * @param periodStart known from dispatch's part only
 */
public record DigestView(String batchId, int period, Instant periodStart, Instant periodEnd, Dispatch dispatch,
                         Leaderboard leaderboard) {

    /** Dispatch's part: progress by lead organisation, the overdue and the escalated topics, at {@code countedAt}. */
    public record Dispatch(Instant countedAt, List<ReportingPeriodClosed.OrganisationProgress> organisations,
                           List<ReportingPeriodClosed.TopicLine> overdue, List<ReportingPeriodClosed.TopicLine> escalated) {
    }

    /** Resolution's part: the leaderboard at {@code countedAt}. */
    public record Leaderboard(Instant countedAt, List<Standing> entries) {
    }

    /** A digest in a batch's list: which parts are recorded. */
    public record Summary(String batchId, int period, Instant periodStart, Instant periodEnd, boolean dispatchRecorded,
                          boolean leaderboardRecorded) {
    }

    /** The store's key of a digest: {@code <batchId>:<period>}. */
    public static String id(String batchId, int period) {
        return batchId + ":" + period;
    }

    public String id() {
        return id(batchId, period);
    }

    /** The part of a digest an event records, the other part missing; empty for any other event. */
    public static Optional<DigestView> part(DomainEvent event) {
        if (event instanceof ReportingPeriodClosed closed) {
            return Optional.of(new DigestView(closed.batchId(), closed.period(), closed.periodStart(), closed.periodEnd(),
                    new Dispatch(closed.countedAt(), listOf(closed.organisations()), listOf(closed.overdue()),
                            listOf(closed.escalated())), null));
        }
        if (event instanceof LeaderboardRecorded recorded) {
            return Optional.of(new DigestView(recorded.batchId(), recorded.period(), null, recorded.periodEnd(), null,
                    new Leaderboard(recorded.countedAt(), listOf(recorded.standings()))));
        }
        return Optional.empty();
    }

    public Summary summary() {
        return new Summary(batchId, period, periodStart, periodEnd, dispatch != null, leaderboard != null);
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
