package io.jiebang.events.claim;

import io.jiebang.events.RoundEvent;

/** The topic is OPEN for claims again, in a new round. */
public record RoundOpened(String topicId, int round, Cause cause) implements RoundEvent {

    public enum Cause {
        AWARD_WITHDRAWN, REOPENED_AFTER_EVALUATION
    }
}
