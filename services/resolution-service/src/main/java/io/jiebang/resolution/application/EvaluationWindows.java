package io.jiebang.resolution.application;

import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.platform.time.ScheduledWork;
import io.jiebang.resolution.domain.Case;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Ends every evaluation whose window has passed: CLOSED, or REOPENED under two thirds satisfied. */
@Component
public class EvaluationWindows implements ScheduledWork {

    private final MongoEventStore store;
    private final CommandExecutor executor;

    public EvaluationWindows(MongoEventStore store, CommandExecutor executor) {
        this.store = store;
        this.executor = executor;
    }

    @Override
    public Mono<Void> runDue(Instant now) {
        return store.streamIds(ResolutionStreams.TOPICS)
                .concatMap(id -> executor.read(ResolutionStreams.TOPICS, id)
                        .filter(c -> c.status() == Case.Status.RESOLVED)
                        .flatMap(c -> executor.execute(ResolutionStreams.TOPICS, id, CommandMeta.system(), null,
                                current -> current.windowEnded(now))))
                .then();
    }
}
