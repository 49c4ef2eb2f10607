package io.jiebang.resolution.application;

import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.command.StreamSets;
import io.jiebang.platform.time.ScheduledWork;
import io.jiebang.resolution.domain.BatchEvaluation;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Records each open batch's leaderboard when a reporting period ends: resolution's part of the period's digest. */
@Component
public class PeriodLeaderboards implements ScheduledWork {

    private final StreamSets sets;
    private final BoardStandings standings;

    public PeriodLeaderboards(StreamSets sets, BoardStandings standings) {
        this.sets = sets;
        this.standings = standings;
    }

    @Override
    public Mono<Void> runDue(Instant now) {
        return sets.sweep(ResolutionStreams.BATCHES, BatchEvaluation.REPORTING, CommandMeta.system(),
                due -> due.periodToRecord(now).isEmpty() ? Mono.empty()
                        : standings.leaderboard(due.batchId()).map(counted -> batch -> batch.recordLeaderboard(now, counted.entries())));
    }
}
