package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;
import java.time.Instant;

/** The poster asked for one-time evaluation links. The links themselves are secrets and never published. */
public record EvaluationLinksIssued(String topicId, int round, int count, Instant expiresAt) implements RoundEvent {
}
