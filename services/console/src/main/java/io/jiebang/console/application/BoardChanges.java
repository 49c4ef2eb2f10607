package io.jiebang.console.application;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** Fans board changes out to every open stream; a slow client misses changes, not the others. */
@Component
public class BoardChanges {

    private final Sinks.Many<BoardChange> sink = Sinks.many().multicast().directBestEffort();

    public void publish(BoardChange change) {
        sink.tryEmitNext(change);
    }

    public Flux<BoardChange> stream() {
        return sink.asFlux();
    }
}
