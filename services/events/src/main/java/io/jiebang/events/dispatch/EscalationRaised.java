package io.jiebang.events.dispatch;

import io.jiebang.events.RoundEvent;
import java.time.Instant;

/**
 * A topic fell behind (分级流转): level 1 is a reminder to whoever must act, level 2 goes to the coordinator,
 * level 3 to district leadership. The reporting schedule raises it against the team ({@code leadOrgId}); a stage
 * limit against whoever the stage waits for, the poster or the coordinator ({@code leadOrgId} then is the lead if
 * the topic has one, else absent).
 *
 * @param since when the clock that ran out started: the team's last activity, or the start of the stage; absent in
 *        events written before it existed
 */
public record EscalationRaised(String topicId, int round, String escalationId, String batchId, String leadOrgId,
                               int level, Reason reason, Instant since) implements RoundEvent {

    public enum Reason {
        /** The reporting schedule: the team is silent. */
        MISSED_PERIOD, MISSED_TWO_PERIODS, PAST_DUE, OVERDUE_BEYOND_GRACE,
        /** A stage limit: bids wait for the poster's award after claiming closed. */
        AWARD_OVERDUE,
        /** A stage limit: a submitted resolution waits for the poster's verdict. */
        VERDICT_OVERDUE,
        /** A stage limit: an accepted resolution waits for the poster's evaluation links. */
        EVALUATION_LINKS_OVERDUE,
        /** A stage limit: an UNCLAIMED topic waits for the coordinator's assignment. */
        ASSIGNMENT_OVERDUE;

        /** Raised by a stage limit rather than by the reporting schedule. */
        public boolean isStageLimit() {
            return ordinal() >= AWARD_OVERDUE.ordinal();
        }
    }
}
