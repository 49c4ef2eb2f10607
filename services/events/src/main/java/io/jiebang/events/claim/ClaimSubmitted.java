package io.jiebang.events.claim;

import io.jiebang.events.RoundEvent;
import java.time.Instant;
import java.util.List;

/**
 * An organisation claimed (揭榜) the topic, alone or with co-claimants (组团认领) it names: each named one counts only
 * once it accepts its place ({@link CoClaimantAccepted}).
 */
public record ClaimSubmitted(String topicId, int round, String claimId, String leadOrgId,
                             List<String> coClaimantOrgIds, String plan, Instant committedDate,
                             boolean withinClaimWindow) implements RoundEvent {
}
