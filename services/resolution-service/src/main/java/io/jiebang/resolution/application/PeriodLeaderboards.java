package io.jiebang.resolution.application;

import io.jiebang.platform.command.CommandExecutor;
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
    private final CommandExecutor executor;
    private final BoardStandings standings;

    public PeriodLeaderboards(StreamSets sets, CommandExecutor executor, BoardStandings standings) {
        this.sets = sets;
        this.executor = executor;
        this.standings = standings;
    }

    @Override
    public Mono<Void> runDue(Instant now) {
        return sets.members(ResolutionStreams.BATCHES, BatchEvaluation.REPORTING)
                .concatMap(batchId -> executor.read(ResolutionStreams.BATCHES, batchId)
                        .filter(batch -> batch.periodToRecord(now).isPresent())
                        .flatMap(due -> executor.execute(ResolutionStreams.BATCHES, batchId, CommandMeta.system(), null,
                                batch -> standings.leaderboard(batchId),
                                (batch, counted) -> batch.recordLeaderboard(now, counted.entries()))))
                .then();
    }
}
