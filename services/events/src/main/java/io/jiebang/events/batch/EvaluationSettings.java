package io.jiebang.events.batch;

/**
 * How a batch's evaluations (评议) are run: set by the coordinator when planning the batch, recorded in
 * {@link BatchCreated} and again in each {@code ResolutionAccepted} (the rules of that evaluation). An event written
 * before these settings existed has none, which means {@link #DEFAULTS}.
 *
 * @param quorum the fewest votes of a round for its evaluation to count; an evaluation that ends with fewer is
 *        INCONCLUSIVE and the topic CLOSED_UNRATED
 * @param minimumWindowHours how long an evaluation stays open at least (capped at the evaluation window) before the
 *        poster may close it; earlier, only a coordinator closes it, with a reason
 * @param linksPerRound the most one-time links the poster may ask for in one round
 */
public record EvaluationSettings(int quorum, int minimumWindowHours, int linksPerRound) {

    /** 3 votes, 72 hours, 50 links per round (docs/rules.md). */
    public static final EvaluationSettings DEFAULTS = new EvaluationSettings(3, 72, 50);

    /** The settings, or the defaults when an older event has none. */
    public static EvaluationSettings orDefaults(EvaluationSettings settings) {
        return settings == null ? DEFAULTS : settings;
    }
}
