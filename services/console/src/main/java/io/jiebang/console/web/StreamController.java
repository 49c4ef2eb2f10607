package io.jiebang.console.web;

import io.jiebang.console.application.BoardChange;
import io.jiebang.console.application.BoardChanges;
import io.jiebang.console.application.ReadRules;
import io.jiebang.events.Actor;
import io.jiebang.platform.security.JwtActors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Board changes as Server-Sent Events, with a heartbeat so proxies keep the stream open. The first beat goes
 * at once: the response is committed with its first element, and browsers call the stream open only then.
 * Each event's id is its position among all changes; a browser reconnecting (to this instance or another) sends
 * the last it saw as {@code Last-Event-ID} and gets what it missed, or a {@code resync} event to reload.
 * A reader is told only of what they may read (ReadRules), and the stream ends when their token expires: the
 * browser's reconnection then needs a fresh one.
 */
@RestController
public class StreamController {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final BoardChanges changes;
    private final Clock clock;

    @Autowired
    public StreamController(BoardChanges changes) {
        this(changes, Clock.systemUTC());
    }

    /** @param clock the real clock, which tokens' expiry follows (not the business clock tests may move) */
    StreamController(BoardChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<BoardChange>> stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastSeen,
                                                     @AuthenticationPrincipal Jwt token) {
        Actor reader = JwtActors.toActor(token);
        Flux<ServerSentEvent<BoardChange>> updates = changes.stream(lastSeen)
                .filter(told -> ReadRules.maySee(reader, told.change()))
                .map(told -> ServerSentEvent.builder(told.change()).event(told.change().kind()).id(told.position()).build());
        Flux<ServerSentEvent<BoardChange>> heartbeat = Flux.interval(Duration.ZERO, HEARTBEAT)
                .map(tick -> ServerSentEvent.<BoardChange>builder().comment("heartbeat").build());
        return Flux.merge(updates, heartbeat).takeUntilOther(expiry(token.getExpiresAt()));
    }

    private Mono<Long> expiry(Instant expires) {
        if (expires == null) {
            return Mono.never();
        }
        Duration left = Duration.between(clock.instant(), expires);
        return Mono.delay(left.isNegative() ? Duration.ZERO : left);
    }
}
