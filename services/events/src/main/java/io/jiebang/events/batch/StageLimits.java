package io.jiebang.events.batch;

/**
 * How long each stage of a topic may last, in days: set by the coordinator when planning the batch and recorded in
 * {@link BatchCreated}. An event written before these limits existed has none, which means {@link #DEFAULTS}. A stage
 * that waits for someone other than the topic's team one limit raises a reminder to whoever must act, two limits an
 * escalation to the coordinator, three limits one to district leadership; a new round that no one claims within its
 * window becomes UNCLAIMED (docs/rules.md).
 *
 * @param awardDays a poster-selects topic with bids waiting, from the close of claiming until the poster awards one
 * @param verdictDays a submitted resolution until the poster accepts or rejects it
 * @param evaluationLinksDays an accepted resolution until the poster issues evaluation links
 * @param assignmentDays an UNCLAIMED topic until the coordinator assigns it
 * @param newRoundClaimDays a new round (after a withdrawn award or a reopening) takes claims this long; with no bid
 *        waiting by then the topic becomes UNCLAIMED, and bids waiting wait for the poster's award from then on
 */
public record StageLimits(int awardDays, int verdictDays, int evaluationLinksDays, int assignmentDays,
                          int newRoundClaimDays) {

    /** 7, 5, 2, 3 and 7 days (docs/rules.md). */
    public static final StageLimits DEFAULTS = new StageLimits(7, 5, 2, 3, 7);

    /** The limits, or the defaults when an older event has none. */
    public static StageLimits orDefaults(StageLimits limits) {
        return limits == null ? DEFAULTS : limits;
    }
}
