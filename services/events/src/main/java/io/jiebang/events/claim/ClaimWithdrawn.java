package io.jiebang.events.claim;

import io.jiebang.events.RoundEvent;

/** The claimant withdrew its bid before any award. */
public record ClaimWithdrawn(String topicId, int round, String claimId, String leadOrgId) implements RoundEvent {
}
