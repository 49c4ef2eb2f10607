package io.jiebang.topic.application;

import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.platform.time.ScheduledWork;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Closes claiming in every open batch whose claim deadline has passed. */
@Component
public class BatchDeadlines implements ScheduledWork {

    private final MongoEventStore store;
    private final CommandExecutor executor;

    public BatchDeadlines(MongoEventStore store, CommandExecutor executor) {
        this.store = store;
        this.executor = executor;
    }

    @Override
    public Mono<Void> runDue(Instant now) {
        return store.streamIds(TopicStreams.BATCHES)
                .concatMap(id -> executor.execute(TopicStreams.BATCHES, id, CommandMeta.system(), null,
                        batch -> batch.deadlinePassed(now)))
                .then();
    }
}
