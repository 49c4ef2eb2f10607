package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;
import io.jiebang.events.Verdict;

/**
 * A vote through a one-time link (评议). {@code byPoster} is true when a signed-in member of the poster's staff cast
 * it: the poster's own vote, which counts once per round (absent in older events: false).
 */
public record EvaluationVoteCast(String topicId, int round, String voteId, Verdict verdict, String comment,
                                 Boolean byPoster) implements RoundEvent {

    public EvaluationVoteCast(String topicId, int round, String voteId, Verdict verdict, String comment) {
        this(topicId, round, voteId, verdict, comment, null);
    }

    public boolean castByPoster() {
        return Boolean.TRUE.equals(byPoster);
    }
}
