package io.jiebang.dispatch.application;

import io.jiebang.platform.command.StreamSets;
import io.jiebang.dispatch.domain.Assignment;
import io.jiebang.dispatch.domain.Schedule;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.time.ScheduledWork;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Looks at every topic in progress and raises reminders and escalations that fell due. */
@Component
public class ScheduleCheck implements ScheduledWork {

    private final StreamSets sets;
    private final CommandExecutor executor;
    private final DispatchSettings settings;

    public ScheduleCheck(StreamSets sets, CommandExecutor executor, DispatchSettings settings) {
        this.sets = sets;
        this.executor = executor;
        this.settings = settings;
    }

    @Override
    public Mono<Void> runDue(Instant now) {
        return sets.sweep(DispatchStreams.TOPICS, Assignment.WORKING, CommandMeta.system(),
                working -> executor.read(DispatchStreams.BATCHES, working.batchId())
                        .filter(batch -> batch.isKnown())
                        .map(batch -> assignment -> assignment.checkSchedule(now, new Schedule(batch.period(), settings.gracePeriod()))));
    }
}
