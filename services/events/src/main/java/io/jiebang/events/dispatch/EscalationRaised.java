package io.jiebang.events.dispatch;

import io.jiebang.events.RoundEvent;

/**
 * The schedule found the topic behind (分级流转): level 1 is a reminder to the lead, level 2 goes to the
 * coordinator, level 3 to district leadership.
 */
public record EscalationRaised(String topicId, int round, String escalationId, String batchId, String leadOrgId,
                               int level, Reason reason) implements RoundEvent {

    public enum Reason {
        MISSED_PERIOD, MISSED_TWO_PERIODS, PAST_DUE, OVERDUE_BEYOND_GRACE
    }
}
