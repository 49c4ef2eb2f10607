package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;
import io.jiebang.events.Verdict;

/** A vote through a one-time link (评议). */
public record EvaluationVoteCast(String topicId, int round, String voteId, Verdict verdict, String comment)
        implements RoundEvent {
}
