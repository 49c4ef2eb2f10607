package io.jiebang.dispatch.domain;

import io.jiebang.events.dispatch.EscalationRaised.Reason;
import java.time.Duration;
import java.time.Instant;

/**
 * The reporting schedule (定期调度) as a pure function of time. {@code lastActivity} is the award, the latest
 * report, or the latest rejected resolution, whichever came last.
 * <ul>
 *   <li>a whole period without a report: a reminder to the lead (level 1);</li>
 *   <li>two periods without a report, or the due date passed without a report since: the coordinator (level 2);</li>
 *   <li>the due date passed by more than the grace period without a report since: district leadership (level 3).</li>
 * </ul>
 * A report resets the clock, so it clears what was raised; a topic that stays overdue and silent is raised again.
 */
public record Schedule(Duration period, Duration grace) {

    public record Level(int level, Reason reason) {
        static final Level NONE = new Level(0, null);
    }

    public Level levelAt(Instant now, Instant lastActivity, Instant dueDate) {
        long missed = now.isBefore(lastActivity) ? 0 : Duration.between(lastActivity, now).dividedBy(period);
        Level level = Level.NONE;
        if (missed >= 1) {
            level = new Level(1, Reason.MISSED_PERIOD);
        }
        if (missed >= 2) {
            level = new Level(2, Reason.MISSED_TWO_PERIODS);
        }
        if (now.isAfter(dueDate) && lastActivity.isBefore(dueDate) && level.level() < 2) {
            level = new Level(2, Reason.PAST_DUE);
        }
        Instant graceEnds = dueDate.plus(grace);
        if (now.isAfter(graceEnds) && lastActivity.isBefore(graceEnds)) {
            level = new Level(3, Reason.OVERDUE_BEYOND_GRACE);
        }
        return level;
    }
}
