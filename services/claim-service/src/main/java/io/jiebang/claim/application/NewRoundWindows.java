package io.jiebang.claim.application;

import io.jiebang.claim.domain.TopicMarket;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.StreamSets;
import io.jiebang.platform.time.ScheduledWork;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Every topic open in a later round whose claim window has passed, with no bid waiting, becomes UNCLAIMED. */
@Component
public class NewRoundWindows implements ScheduledWork {

    private final StreamSets sets;
    private final CommandExecutor executor;

    public NewRoundWindows(StreamSets sets, CommandExecutor executor) {
        this.sets = sets;
        this.executor = executor;
    }

    @Override
    public Mono<Void> runDue(Instant now) {
        return sets.sweep(ClaimStreams.TOPICS, TopicMarket.NEW_ROUND, CommandMeta.system(),
                market -> executor.read(ClaimStreams.BATCHES, market.batchId())
                        .filter(window -> window.isKnown() && !market.newRoundWindowPassed(window, now).isEmpty())
                        .map(window -> current -> current.newRoundWindowPassed(window, now)));
    }
}
