package io.jiebang.events.claim;

import io.jiebang.events.RoundEvent;
import java.time.Instant;
import java.util.List;

/**
 * The topic is awarded to a claim: first come, or chosen by the poster. The lead now owns the work, with the
 * co-claimants that have accepted their place so far ({@code coClaimantOrgIds}); one that accepts later joins by
 * {@link CoClaimantAccepted}.
 */
public record ClaimAwarded(String topicId, int round, String claimId, String leadOrgId,
                           List<String> coClaimantOrgIds, Instant committedDate, boolean withinClaimWindow,
                           AwardedBy awardedBy) implements RoundEvent {

    public enum AwardedBy {
        FIRST_COME, POSTER
    }
}
