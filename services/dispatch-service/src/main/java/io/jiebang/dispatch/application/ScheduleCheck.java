package io.jiebang.dispatch.application;

import io.jiebang.platform.command.StreamSets;
import io.jiebang.dispatch.domain.Assignment;
import io.jiebang.dispatch.domain.BatchRules;
import io.jiebang.dispatch.domain.Schedule;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.time.ScheduledWork;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Looks at every topic in progress and every topic waiting in a stage, and raises the reminders and escalations
 * that fell due; then closes each open batch's reporting period that ended, with its digest.
 */
@Component
public class ScheduleCheck implements ScheduledWork {

    private final StreamSets sets;
    private final CommandExecutor executor;
    private final DispatchSettings settings;
    private final DispatchReports reports;

    public ScheduleCheck(StreamSets sets, CommandExecutor executor, DispatchSettings settings, DispatchReports reports) {
        this.sets = sets;
        this.executor = executor;
        this.settings = settings;
        this.reports = reports;
    }

    @Override
    public Mono<Void> runDue(Instant now) {
        Mono<Void> schedules = sets.sweep(DispatchStreams.TOPICS, Assignment.WORKING, CommandMeta.system(),
                working -> executor.read(DispatchStreams.BATCHES, working.batchId())
                        .filter(batch -> batch.isKnown())
                        .map(batch -> assignment -> assignment.checkSchedule(now, new Schedule(batch.period(), settings.gracePeriod()))));
        // Most waiting topics are not due yet: only those that are get a command (and a write).
        Mono<Void> stages = sets.sweep(DispatchStreams.TOPICS, Assignment.WAITING, CommandMeta.system(),
                waiting -> executor.read(DispatchStreams.BATCHES, waiting.batchId())
                        .filter(batch -> batch.isKnown() && !waiting.checkStage(now, batch).isEmpty())
                        .map(batch -> assignment -> assignment.checkStage(now, batch)));
        // After the escalations, so a period's digest counts those its end raised.
        Mono<Void> digests = sets.sweep(DispatchStreams.BATCHES, BatchRules.REPORTING, CommandMeta.system(),
                due -> due.periodToClose(now).isEmpty() ? Mono.empty()
                        : reports.count(due.batchId(), now).map(counted -> batch -> batch.closePeriod(now, counted)));
        return schedules.then(stages).then(digests);
    }
}
