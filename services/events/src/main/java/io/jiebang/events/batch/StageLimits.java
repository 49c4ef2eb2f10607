package io.jiebang.events.batch;

/**
 * How long each stage of a topic may wait for someone other than its team to act, in days: set by the coordinator
 * when planning the batch and recorded in {@link BatchCreated}. An event written before these limits existed has
 * none, which means {@link #DEFAULTS}. A stage that waits one limit raises a reminder to whoever must act, two
 * limits an escalation to the coordinator, three limits one to district leadership (docs/rules.md).
 *
 * @param awardDays a poster-selects topic with bids waiting, from the close of claiming until the poster awards one
 * @param verdictDays a submitted resolution until the poster accepts or rejects it
 * @param evaluationLinksDays an accepted resolution until the poster issues evaluation links
 * @param assignmentDays an UNCLAIMED topic until the coordinator assigns it
 */
public record StageLimits(int awardDays, int verdictDays, int evaluationLinksDays, int assignmentDays) {

    /** 7, 5, 2 and 3 days (docs/rules.md). */
    public static final StageLimits DEFAULTS = new StageLimits(7, 5, 2, 3);

    /** The limits, or the defaults when an older event has none. */
    public static StageLimits orDefaults(StageLimits limits) {
        return limits == null ? DEFAULTS : limits;
    }
}
