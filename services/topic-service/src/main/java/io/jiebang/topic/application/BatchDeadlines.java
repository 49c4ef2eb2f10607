package io.jiebang.topic.application;

import io.jiebang.topic.domain.Batch;
import io.jiebang.platform.command.StreamSets;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.time.ScheduledWork;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Closes claiming in every open batch whose claim deadline has passed. */
@Component
public class BatchDeadlines implements ScheduledWork {

    private final StreamSets sets;

    public BatchDeadlines(StreamSets sets) {
        this.sets = sets;
    }

    @Override
    public Mono<Void> runDue(Instant now) {
        return sets.sweep(TopicStreams.BATCHES, Batch.OPEN_FOR_CLAIMS, CommandMeta.system(),
                batch -> Mono.just(current -> current.deadlinePassed(now)));
    }
}
