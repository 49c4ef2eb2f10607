package io.jiebang.resolution.application;

import io.jiebang.platform.command.StreamSets;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.time.ScheduledWork;
import io.jiebang.resolution.domain.Case;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Ends every evaluation whose window has passed: CLOSED, or REOPENED under two thirds satisfied. */
@Component
public class EvaluationWindows implements ScheduledWork {

    private final StreamSets sets;
    private final ResolutionSettings settings;

    public EvaluationWindows(StreamSets sets, ResolutionSettings settings) {
        this.sets = sets;
        this.settings = settings;
    }

    @Override
    public Mono<Void> runDue(Instant now) {
        return sets.sweep(ResolutionStreams.TOPICS, Case.RESOLVED, CommandMeta.system(),
                resolved -> Mono.just(current -> current.windowEnded(now, settings.appealWindow())));
    }
}
