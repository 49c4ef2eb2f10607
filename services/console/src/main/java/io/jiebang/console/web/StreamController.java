package io.jiebang.console.web;

import io.jiebang.console.application.BoardChange;
import io.jiebang.console.application.BoardChanges;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * Board changes as Server-Sent Events, with a heartbeat so proxies keep the stream open. The first beat goes
 * at once: the response is committed with its first element, and browsers call the stream open only then.
 */
@RestController
public class StreamController {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final BoardChanges changes;

    public StreamController(BoardChanges changes) {
        this.changes = changes;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<BoardChange>> stream() {
        Flux<ServerSentEvent<BoardChange>> updates = changes.stream()
                .map(change -> ServerSentEvent.builder(change).event(change.kind()).id(change.id()).build());
        Flux<ServerSentEvent<BoardChange>> heartbeat = Flux.interval(Duration.ZERO, HEARTBEAT)
                .map(tick -> ServerSentEvent.<BoardChange>builder().comment("heartbeat").build());
        return Flux.merge(updates, heartbeat);
    }
}
