package io.jiebang.resolution.application;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.TopicEvent;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.BatchEvent;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.CoClaimantAccepted;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicWithdrawn;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.messaging.Inbox;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * What resolution learns from the other services: each batch's evaluation settings, published topics and who leads
 * them, round by round.
 */
@Service
public class ResolutionInbox implements Inbox {

    private static final Set<Class<?>> RECORDED = Set.of(TopicPublished.class, ClaimAwarded.class, CoClaimantAccepted.class,
            TopicAssigned.class, AwardWithdrawn.class, TopicWithdrawn.class, RoundOpened.class);

    private final CommandExecutor executor;

    public ResolutionInbox(CommandExecutor executor) {
        this.executor = executor;
    }

    @Override
    public Mono<Void> handle(EventEnvelope event) {
        if (event.data() instanceof BatchCreated || event.data() instanceof BatchClosed) {
            return executor.execute(ResolutionStreams.BATCHES, ((BatchEvent) event.data()).batchId(), CommandMeta.inbound(event), null,
                    b -> List.of()).then();
        }
        if (event.data() instanceof TopicEvent topicEvent && RECORDED.contains(event.data().getClass())) {
            return executor.execute(ResolutionStreams.TOPICS, topicEvent.topicId(), CommandMeta.inbound(event), null,
                    c -> List.of()).then();
        }
        return Mono.empty();
    }
}
