package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;

/** The topic's life is over (结项). */
public record TopicClosed(String topicId, int round) implements RoundEvent {
}
