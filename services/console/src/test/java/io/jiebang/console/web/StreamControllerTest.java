package io.jiebang.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.console.application.BoardChange;
import io.jiebang.console.application.BoardChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;

class StreamControllerTest {

    final BoardChanges changes = new BoardChanges();
    final StreamController controller = new StreamController(changes);

    @Test
    void aNewStreamBeatsAtOnceSoBrowsersSeeItOpenBeforeAnyChange() {
        ServerSentEvent<BoardChange> first = controller.stream().next().block(Duration.ofSeconds(5));

        assertThat(first).isNotNull();
        assertThat(first.comment()).isEqualTo("heartbeat");
    }

    @Test
    void aChangeFollowsAsANamedEvent() {
        BoardChange change = new BoardChange("topic", "t-1", "TopicPublished", "OPEN", Instant.parse("2026-11-25T00:00:00Z"));

        List<ServerSentEvent<BoardChange>> events = controller.stream()
                .doOnNext(event -> changes.publish(change))
                .take(2).collectList().block(Duration.ofSeconds(5));

        assertThat(events).hasSize(2);
        assertThat(events.get(1).event()).isEqualTo("topic");
        assertThat(events.get(1).id()).isEqualTo("t-1");
        assertThat(events.get(1).data()).isEqualTo(change);
    }
}
