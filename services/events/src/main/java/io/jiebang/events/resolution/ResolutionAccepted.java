package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;
import java.time.Instant;

/** The poster accepted the resolution: the topic is RESOLVED and its evaluation window opens. */
public record ResolutionAccepted(String topicId, int round, String resolutionId, String leadOrgId, boolean onTime,
                                 Instant evaluationClosesAt) implements RoundEvent {
}
