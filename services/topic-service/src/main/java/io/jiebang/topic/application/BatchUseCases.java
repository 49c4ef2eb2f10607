package io.jiebang.topic.application;

import io.jiebang.platform.command.Answers;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.command.Ids;
import io.jiebang.platform.command.Outcome;
import io.jiebang.topic.domain.BatchPlan;
import java.time.Clock;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** A coordinator plans, opens and closes batches. */
@Service
public class BatchUseCases {

    private final CommandExecutor executor;
    private final Answers answers;
    private final Clock clock;

    public BatchUseCases(CommandExecutor executor, Answers answers, Clock clock) {
        this.executor = executor;
        this.answers = answers;
        this.clock = clock;
    }

    public record Created(String id) {
    }

    public record Changed(String id, String change) {
    }

    public Mono<Outcome> create(CommandMeta meta, BatchPlan plan) {
        String id = Ids.next("b");
        return executor.execute(TopicStreams.BATCHES, id, meta, answers.created(location(id), new Created(id)),
                batch -> batch.create(meta.actor(), plan, clock.instant()));
    }

    public Mono<Outcome> open(CommandMeta meta, String id) {
        return executor.execute(TopicStreams.BATCHES, id, meta, changed(id, "open"), batch -> batch.open(meta.actor()));
    }

    public Mono<Outcome> closeClaiming(CommandMeta meta, String id) {
        return executor.execute(TopicStreams.BATCHES, id, meta, changed(id, "close-claiming"),
                batch -> batch.closeClaiming(meta.actor()));
    }

    public Mono<Outcome> close(CommandMeta meta, String id) {
        return executor.execute(TopicStreams.BATCHES, id, meta, changed(id, "close"), batch -> batch.close(meta.actor()));
    }

    private io.jiebang.platform.eventstore.Answer changed(String id, String change) {
        return answers.accepted(location(id), new Changed(id, change));
    }

    private static String location(String id) {
        return "/api/batches/" + id;
    }
}
