package io.jiebang.events.claim;

import io.jiebang.events.RoundEvent;

/** A co-claimant named in a group claim declined its place: it never counts as one of the claim's team. */
public record CoClaimantDeclined(String topicId, int round, String claimId, String orgId) implements RoundEvent {
}
