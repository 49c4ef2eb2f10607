package io.jiebang.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.console.application.BoardChange;
import io.jiebang.console.application.BoardChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class StreamControllerTest {

    final Sinks.Many<BoardChanges.Positioned> told = Sinks.many().multicast().directBestEffort();
    String lastSeenAsked;
    final BoardChanges changes = new BoardChanges() {
        @Override
        public Mono<Void> publish(List<BoardChange> changes) {
            changes.forEach(change -> told.tryEmitNext(new Positioned("7", change)));
            return Mono.empty();
        }

        @Override
        public Flux<Positioned> stream(String lastSeen) {
            lastSeenAsked = lastSeen;
            return told.asFlux();
        }
    };
    final StreamController controller = new StreamController(changes);

    @Test
    void aNewStreamBeatsAtOnceSoBrowsersSeeItOpenBeforeAnyChange() {
        ServerSentEvent<BoardChange> first = controller.stream(null).next().block(Duration.ofSeconds(5));

        assertThat(first).isNotNull();
        assertThat(first.comment()).isEqualTo("heartbeat");
    }

    @Test
    void aChangeFollowsAsANamedEvent() {
        BoardChange change = new BoardChange("topic", "t-1", "TopicPublished", "OPEN", Instant.parse("2026-11-25T00:00:00Z"));

        List<ServerSentEvent<BoardChange>> events = controller.stream(null)
                .doOnNext(event -> changes.publish(List.of(change)))
                .take(2).collectList().block(Duration.ofSeconds(5));

        assertThat(events).hasSize(2);
        assertThat(events.get(1).event()).isEqualTo("topic");
        assertThat(events.get(1).id()).as("its position among all changes").isEqualTo("7");
        assertThat(events.get(1).data()).isEqualTo(change);
    }

    @Test
    void aReconnectingBrowserIsAskedForWhatFollowsTheLastItSaw() {
        controller.stream("41").next().block(Duration.ofSeconds(5));

        assertThat(lastSeenAsked).isEqualTo("41");
    }
}
