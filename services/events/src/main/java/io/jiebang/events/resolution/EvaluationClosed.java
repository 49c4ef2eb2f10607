package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;
import java.time.Instant;

/**
 * The evaluation ended. With fewer votes than the quorum it is INCONCLUSIVE and the topic closes unrated; otherwise
 * under two thirds satisfied (satisfied + basically satisfied) the topic is reopened, else closed.
 *
 * @param cause CLOSED_EARLY: a coordinator closed it before the quorum or the minimum window, giving {@code reason}
 * @param reason why a coordinator closed it (always given with CLOSED_EARLY), or null
 * @param appealableUntil with REOPENED: until when the lead may appeal the outcome (申诉); otherwise, and in older
 *        events, null
 */
public record EvaluationClosed(String topicId, int round, int satisfied, int basicallySatisfied, int dissatisfied,
                               Outcome outcome, Cause cause, String reason, Instant appealableUntil) implements RoundEvent {

    public EvaluationClosed(String topicId, int round, int satisfied, int basicallySatisfied, int dissatisfied,
                            Outcome outcome, Cause cause, String reason) {
        this(topicId, round, satisfied, basicallySatisfied, dissatisfied, outcome, cause, reason, null);
    }

    public EvaluationClosed(String topicId, int round, int satisfied, int basicallySatisfied, int dissatisfied,
                            Outcome outcome, Cause cause) {
        this(topicId, round, satisfied, basicallySatisfied, dissatisfied, outcome, cause, null);
    }

    public enum Outcome {
        CLOSED, REOPENED,
        /** Fewer votes than the quorum: the topic closes unrated, its votes count in no satisfaction figure. */
        INCONCLUSIVE
    }

    public enum Cause {
        CLOSED_BY_USER, WINDOW_ENDED,
        /** A coordinator closed it before the quorum or the minimum window, with a reason. */
        CLOSED_EARLY
    }

    public int votes() {
        return satisfied + basicallySatisfied + dissatisfied;
    }
}
