package io.jiebang.dispatch.application;

import io.jiebang.dispatch.domain.Assignment;
import io.jiebang.dispatch.domain.Schedule;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.platform.time.ScheduledWork;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Looks at every topic in progress and raises reminders and escalations that fell due. */
@Component
public class ScheduleCheck implements ScheduledWork {

    private final MongoEventStore store;
    private final CommandExecutor executor;
    private final DispatchSettings settings;

    public ScheduleCheck(MongoEventStore store, CommandExecutor executor, DispatchSettings settings) {
        this.store = store;
        this.executor = executor;
        this.settings = settings;
    }

    @Override
    public Mono<Void> runDue(Instant now) {
        return store.streamIds(DispatchStreams.TOPICS)
                .concatMap(id -> executor.read(DispatchStreams.TOPICS, id)
                        .filter(assignment -> assignment.phase() == Assignment.Phase.WORKING)
                        .flatMap(assignment -> executor.read(DispatchStreams.BATCHES, assignment.batchId()))
                        .filter(batch -> batch.isKnown())
                        .flatMap(batch -> executor.execute(DispatchStreams.TOPICS, id, CommandMeta.system(), null,
                                assignment -> assignment.checkSchedule(now, new Schedule(batch.period(), settings.gracePeriod())))))
                .then();
    }
}
