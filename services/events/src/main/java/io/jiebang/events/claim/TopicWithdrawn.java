package io.jiebang.events.claim;

import io.jiebang.events.RoundEvent;

/** The poster took the topic back before any award; live bids are declined. */
public record TopicWithdrawn(String topicId, int round, String reason) implements RoundEvent {
}
