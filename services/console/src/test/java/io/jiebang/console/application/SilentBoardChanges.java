package io.jiebang.console.application;

import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Board changes told to nobody: for tests of the projection alone. */
final class SilentBoardChanges implements BoardChanges {

    @Override
    public Mono<Void> publish(List<BoardChange> changes) {
        return Mono.empty();
    }

    @Override
    public Flux<Positioned> stream(String lastSeen) {
        return Flux.empty();
    }
}
