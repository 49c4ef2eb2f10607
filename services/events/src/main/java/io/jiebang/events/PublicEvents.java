package io.jiebang.events;

import io.jiebang.events.deadletter.DeadLetterEvent;
import io.jiebang.events.directory.StaffEvent;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.events.resolution.EvaluationVoteCast;
import io.jiebang.events.topic.TopicPosted;
import java.util.Optional;

/**
 * What outside readers (analytics teams) may see of an event: its copy on the public topic beside the internal one
 * ({@link KafkaTopics#publicTopic}), written by the same service in the same relay step, with the same id, key and
 * sequence. The services themselves read only the internal topics.
 * <ul>
 *   <li>No drafts: {@code TopicPosted} is never copied; a topic's first public event is {@code TopicPublished}.</li>
 *   <li>No staff user ids: the actor keeps its organisation and role, not its user.</li>
 *   <li>No residents' free text: a vote's comment is left out.</li>
 *   <li>No bids' plans: a rival's plan is sealed until the award, and a public topic cannot take back what it told,
 *   so a claim's plan is left out.</li>
 *   <li>No operations: dead-letter events stay on the dead-letter topics.</li>
 *   <li>No staff accounts: they name people (and carry activation codes' hashes); organisations are public.</li>
 * </ul>
 */
public final class PublicEvents {

    /** The public copy of an internal event, or empty when outside readers see nothing of it. */
    public static Optional<EventEnvelope> publicCopy(EventEnvelope internal) {
        DomainEvent data = internal.data();
        if (data instanceof TopicPosted || data instanceof DeadLetterEvent || data instanceof StaffEvent) {
            return Optional.empty();
        }
        if (data instanceof EvaluationVoteCast vote) {
            data = new EvaluationVoteCast(vote.topicId(), vote.round(), vote.voteId(), vote.verdict(), null, vote.byPoster());
        } else if (data instanceof ClaimSubmitted bid) {
            data = new ClaimSubmitted(bid.topicId(), bid.round(), bid.claimId(), bid.leadOrgId(), bid.coClaimantOrgIds(), null,
                    bid.committedDate(), bid.withinClaimWindow());
        }
        Actor actor = new Actor(null, internal.actor().orgId(), internal.actor().role(), internal.actor().district());
        return Optional.of(new EventEnvelope(internal.eventId(), internal.type(), internal.version(),
                internal.aggregateId(), internal.sequence(), internal.occurredAt(), internal.source(), actor,
                internal.correlationId(), internal.causationId(), data, internal.position(), internal.seen(),
                internal.district()));
    }

    private PublicEvents() {
    }
}
