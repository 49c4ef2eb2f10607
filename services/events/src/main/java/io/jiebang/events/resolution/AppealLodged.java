package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;

/**
 * The lead appealed (申诉) a decision of {@code round} against it, with a reason and, if it has any, evidence: the
 * coordinator rules on it ({@link AppealDecided}). While an appeal of a reopening waits, the new round is awarded to
 * nobody.
 */
public record AppealLodged(String topicId, int round, String appealId, Subject subject, String orgId, String reason,
                           String evidence) implements RoundEvent {

    /** What is appealed. */
    public enum Subject {
        /** The poster's rejection of the round's resolution. */
        REJECTED_RESOLUTION,
        /** The residents' evaluation that reopened the topic (under two thirds satisfied). */
        EVALUATION_OUTCOME
    }
}
