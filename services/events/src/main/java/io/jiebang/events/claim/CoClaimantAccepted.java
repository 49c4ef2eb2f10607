package io.jiebang.events.claim;

import io.jiebang.events.RoundEvent;

/**
 * A co-claimant named in a group claim (组团认领) accepted its place: only from now on does it count as one of the
 * claim's team. {@code joinsTeam}: the claim was already awarded, so it joins the working team now (reports with
 * it, shares its credit); otherwise it counts once the claim is awarded.
 */
public record CoClaimantAccepted(String topicId, int round, String claimId, String orgId, boolean joinsTeam)
        implements RoundEvent {
}
