package io.jiebang.claim.application;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchEvent;
import io.jiebang.events.directory.OrgEvent;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.directory.OrgRetired;
import io.jiebang.claim.domain.TopicMarket;
import io.jiebang.events.resolution.AppealDecided;
import io.jiebang.events.resolution.AppealLodged;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.TopicClosed;
import io.jiebang.events.resolution.TopicReopened;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.command.StreamSets;
import io.jiebang.platform.domain.BatchSet;
import io.jiebang.platform.messaging.Inbox;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * What claiming learns from the other services: organisations, batch windows, published topics, and the
 * outcome of resolutions (a reopened topic starts a new round; an appealed reopening holds its award; a closed topic
 * declines the bids still waiting).
 */
@Service
public class ClaimInbox implements Inbox {

    private final CommandExecutor executor;
    private final StreamSets sets;

    public ClaimInbox(CommandExecutor executor, StreamSets sets) {
        this.executor = executor;
        this.sets = sets;
    }

    @Override
    public Mono<Void> handle(EventEnvelope event) {
        DomainEvent data = event.data();
        CommandMeta meta = CommandMeta.inbound(event);
        if (data instanceof OrgRegistered || data instanceof OrgRetired) {
            OrgEvent org = (OrgEvent) data;
            return executor.execute(ClaimStreams.ORGANISATIONS, org.orgId(), meta, null, c -> List.of()).then();
        }
        if (data instanceof BatchEvent batch) {
            Mono<Void> recorded = executor.execute(ClaimStreams.BATCHES, batch.batchId(), meta, null, w -> List.of()).then();
            return data instanceof BatchClaimingClosed ? recorded.then(closeClaiming(batch.batchId(), meta)) : recorded;
        }
        if (data instanceof TopicPublished published) {
            return executor.read(ClaimStreams.BATCHES, published.batchId())
                    .flatMap(window -> executor.execute(ClaimStreams.TOPICS, published.topicId(), meta, null,
                            market -> market.claimingClosed(window)))
                    .then();
        }
        if (data instanceof TopicReopened reopened) {
            return executor.execute(ClaimStreams.TOPICS, reopened.topicId(), meta, null, market -> market.reopen(reopened)).then();
        }
        if (data instanceof TopicClosed closed) {
            return executor.execute(ClaimStreams.TOPICS, closed.topicId(), meta, null, TopicMarket::closed).then();
        }
        if (data instanceof ResolutionAccepted || data instanceof ResolutionRejected || data instanceof AppealLodged
                || data instanceof AppealDecided) {
            String topicId = event.aggregateId();
            return executor.execute(ClaimStreams.TOPICS, topicId, meta, null, market -> List.of()).then();
        }
        return Mono.empty();
    }

    /** Every open topic of the batch without a winner and without bids waiting becomes UNCLAIMED. */
    private Mono<Void> closeClaiming(String batchId, CommandMeta meta) {
        return executor.read(ClaimStreams.BATCHES, batchId).flatMap(window -> sets.sweep(ClaimStreams.TOPICS,
                BatchSet.of(batchId), meta, market -> Mono.just(m -> m.claimingClosed(window))));
    }
}
