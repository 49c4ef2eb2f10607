package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;

/** The poster rejected the resolution with a reason: the topic is back IN_PROGRESS. */
public record ResolutionRejected(String topicId, int round, String resolutionId, String reason)
        implements RoundEvent {
}
