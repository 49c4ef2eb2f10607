package io.jiebang.dispatch.application;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.TopicEvent;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.BatchEvent;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.CoClaimantAccepted;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicUnclaimed;
import io.jiebang.events.claim.TopicWithdrawn;
import io.jiebang.events.resolution.EvaluationLinksIssued;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.events.resolution.TopicClosed;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.messaging.Inbox;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * What dispatch learns from the other services: reporting periods, stage limits and the close of claiming; topics,
 * awards, resolutions and evaluation links.
 */
@Service
public class DispatchInbox implements Inbox {

    private static final Set<Class<?>> TOPIC_EVENTS = Set.of(TopicPublished.class, ClaimAwarded.class, CoClaimantAccepted.class,
            TopicAssigned.class, AwardWithdrawn.class, TopicWithdrawn.class, RoundOpened.class, TopicUnclaimed.class,
            ResolutionSubmitted.class, ResolutionRejected.class, ResolutionAccepted.class, EvaluationLinksIssued.class,
            TopicClosed.class);

    private final CommandExecutor executor;

    public DispatchInbox(CommandExecutor executor) {
        this.executor = executor;
    }

    @Override
    public Mono<Void> handle(EventEnvelope event) {
        DomainEvent data = event.data();
        CommandMeta meta = CommandMeta.inbound(event);
        if (data instanceof BatchCreated || data instanceof BatchClaimingClosed || data instanceof BatchClosed) {
            return executor.execute(DispatchStreams.BATCHES, ((BatchEvent) data).batchId(), meta, null, batch -> List.of()).then();
        }
        if (data instanceof TopicEvent topicEvent && TOPIC_EVENTS.contains(data.getClass())) {
            return executor.execute(DispatchStreams.TOPICS, topicEvent.topicId(), meta, null,
                    assignment -> assignment.onUpstream(data)).then();
        }
        return Mono.empty();
    }
}
