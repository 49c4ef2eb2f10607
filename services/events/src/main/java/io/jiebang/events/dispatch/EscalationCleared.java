package io.jiebang.events.dispatch;

import io.jiebang.events.RoundEvent;
import java.util.List;

/** Open reminders and escalations of the topic are cleared: the team acted, the round ended, or the stage moved on. */
public record EscalationCleared(String topicId, int round, List<String> escalationIds, Cause cause)
        implements RoundEvent {

    public enum Cause {
        PROGRESS_REPORTED, RESOLUTION_SUBMITTED, ROUND_ENDED, STAGE_MOVED_ON
    }
}
