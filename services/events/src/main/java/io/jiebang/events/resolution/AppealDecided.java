package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;

/**
 * A coordinator ruled on an appeal (复核), with a reason. UPHELD: the decision stands. OVERTURNED: a rejected
 * resolution counts as accepted ({@link ResolutionAccepted} follows); a reopening is undone and the topic closes
 * ({@link TopicClosed} follows), the appealed evaluation's votes counting in no satisfaction figure.
 */
public record AppealDecided(String topicId, int round, String appealId, AppealLodged.Subject subject, Ruling ruling,
                            String reason) implements RoundEvent {

    public enum Ruling {
        /** The appealed decision stands. */
        UPHELD,
        /** The appealed decision is set aside. */
        OVERTURNED
    }

    public boolean overturned() {
        return ruling == Ruling.OVERTURNED;
    }
}
