package io.jiebang.events.claim;

import io.jiebang.events.RoundEvent;

/** Claiming closed with nobody awarded and no bid waiting: a coordinator must assign the topic. */
public record TopicUnclaimed(String topicId, int round) implements RoundEvent {
}
