package io.jiebang.events.claim;

import io.jiebang.events.RoundEvent;
import java.time.Instant;

/** A coordinator assigned an unclaimed topic to an organisation, which leads it from now on. */
public record TopicAssigned(String topicId, int round, String orgId, Instant committedDate) implements RoundEvent {
}
