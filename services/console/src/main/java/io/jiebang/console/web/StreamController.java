package io.jiebang.console.web;

import io.jiebang.console.application.BoardChange;
import io.jiebang.console.application.BoardChanges;
import org.springframework.web.bind.annotation.RequestHeader;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * Board changes as Server-Sent Events, with a heartbeat so proxies keep the stream open. The first beat goes
 * at once: the response is committed with its first element, and browsers call the stream open only then.
 * Each event's id is its position among all changes; a browser reconnecting (to this instance or another) sends
 * the last it saw as {@code Last-Event-ID} and gets what it missed, or a {@code resync} event to reload.
 */
@RestController
public class StreamController {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final BoardChanges changes;

    public StreamController(BoardChanges changes) {
        this.changes = changes;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<BoardChange>> stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastSeen) {
        Flux<ServerSentEvent<BoardChange>> updates = changes.stream(lastSeen)
                .map(told -> ServerSentEvent.builder(told.change()).event(told.change().kind()).id(told.position()).build());
        Flux<ServerSentEvent<BoardChange>> heartbeat = Flux.interval(Duration.ZERO, HEARTBEAT)
                .map(tick -> ServerSentEvent.<BoardChange>builder().comment("heartbeat").build());
        return Flux.merge(updates, heartbeat);
    }
}
