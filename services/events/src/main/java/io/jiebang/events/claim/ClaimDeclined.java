package io.jiebang.events.claim;

import io.jiebang.events.RoundEvent;

/** A bid was not chosen, or could no longer be (the topic was withdrawn or awarded to another claim). */
public record ClaimDeclined(String topicId, int round, String claimId, String leadOrgId, String reason)
        implements RoundEvent {
}
