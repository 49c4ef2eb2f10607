package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;

/**
 * The evaluation window ended: under two thirds satisfied (satisfied + basically satisfied) the topic is
 * reopened, otherwise (also with no votes) it is closed.
 */
public record EvaluationClosed(String topicId, int round, int satisfied, int basicallySatisfied, int dissatisfied,
                               Outcome outcome, Cause cause) implements RoundEvent {

    public enum Outcome {
        CLOSED, REOPENED
    }

    public enum Cause {
        CLOSED_BY_USER, WINDOW_ENDED
    }
}
