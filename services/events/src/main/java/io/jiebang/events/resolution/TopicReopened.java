package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;

/** Evaluation found under two thirds satisfied: the topic goes back for another round. */
public record TopicReopened(String topicId, int round, int nextRound) implements RoundEvent {
}
