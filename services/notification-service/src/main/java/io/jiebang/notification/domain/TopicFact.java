package io.jiebang.notification.domain;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.CoClaimantAccepted;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.resolution.AppealLodged;
import io.jiebang.events.topic.TopicPublished;
import java.util.List;
import java.util.Optional;

/**
 * A fact about a topic that {@link TopicRecord} keeps. Each is idempotent and commutes with the others, so the
 * record ends the same whatever order and however often they are heard: a redelivered award after a later joining
 * keeps the joiner, and a round's team is never taken away, only marked withdrawn. A new round starts without a team
 * by construction, since teams are kept per round.
 */
public sealed interface TopicFact {

    /** The topic was published: its poster, title and batch. */
    record Published(String posterOrgId, String title, String batchId) implements TopicFact {
    }

    /** A round was awarded (or assigned): its lead, and the co-claimants on the team so far. */
    record TeamFormed(int round, String leadOrgId, List<String> coClaimantOrgIds) implements TopicFact {

        public TeamFormed {
            coClaimantOrgIds = coClaimantOrgIds == null ? List.of() : List.copyOf(coClaimantOrgIds);
        }
    }

    /** A co-claimant accepted its place after the award and joins the round's team. */
    record TeamJoined(int round, String orgId) implements TopicFact {
    }

    /** The lead gave the round back. */
    record TeamWithdrawn(int round) implements TopicFact {
    }

    /** The lead appealed a decision. */
    record AppealMade(String appealId, String orgId) implements TopicFact {
    }

    /** The fact an event tells, if it tells one the record keeps. */
    static Optional<TopicFact> of(DomainEvent event) {
        TopicFact fact = null;
        if (event instanceof TopicPublished published) {
            fact = new Published(published.posterOrgId(), published.title(), published.batchId());
        } else if (event instanceof ClaimAwarded awarded) {
            fact = new TeamFormed(awarded.round(), awarded.leadOrgId(), awarded.coClaimantOrgIds());
        } else if (event instanceof TopicAssigned assigned) {
            fact = new TeamFormed(assigned.round(), assigned.orgId(), List.of());
        } else if (event instanceof CoClaimantAccepted accepted && accepted.joinsTeam()) {
            fact = new TeamJoined(accepted.round(), accepted.orgId());
        } else if (event instanceof AwardWithdrawn withdrawn) {
            fact = new TeamWithdrawn(withdrawn.round());
        } else if (event instanceof AppealLodged appeal) {
            fact = new AppealMade(appeal.appealId(), appeal.orgId());
        }
        return Optional.ofNullable(fact);
    }
}
