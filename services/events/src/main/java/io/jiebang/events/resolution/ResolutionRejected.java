package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;
import java.time.Instant;

/**
 * The poster rejected the resolution with a reason: the topic is back IN_PROGRESS.
 *
 * @param appealableUntil until when the lead may appeal the rejection (申诉), absent in older events
 */
public record ResolutionRejected(String topicId, int round, String resolutionId, String reason, Instant appealableUntil)
        implements RoundEvent {

    public ResolutionRejected(String topicId, int round, String resolutionId, String reason) {
        this(topicId, round, resolutionId, reason, null);
    }
}
