package io.jiebang.events.claim;

import io.jiebang.events.RoundEvent;

/** The awarded lead gave the topic back; a new round opens ({@link RoundOpened}). */
public record AwardWithdrawn(String topicId, int round, String claimId, String leadOrgId, String reason)
        implements RoundEvent {
}
