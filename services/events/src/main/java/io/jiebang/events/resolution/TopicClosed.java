package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;

/** The topic's life is over (结项): after a conclusive evaluation, or unrated after an INCONCLUSIVE one (see the {@link EvaluationClosed} before it). */
public record TopicClosed(String topicId, int round) implements RoundEvent {
}
