package io.jiebang.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.console.application.BoardChange;
import io.jiebang.console.application.BoardChanges;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.oauth2.jwt.Jwt;
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
    final Instant now = Instant.parse("2026-11-29T06:00:00Z");
    final StreamController controller = new StreamController(changes, Clock.fixed(now, ZoneOffset.UTC));

    static Jwt token(String org, String role, Instant expires) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject(org == null ? "someone" : org)
                .claim("roles", List.of(role)).claims(claims -> {
                    if (org != null) {
                        claims.put("org", org);
                    }
                }).expiresAt(expires).build();
    }

    final Jwt street = token("street-01", "STAFF", now.plusSeconds(3600));

    @Test
    void aNewStreamBeatsAtOnceSoBrowsersSeeItOpenBeforeAnyChange() {
        ServerSentEvent<BoardChange> first = controller.stream(null, street).next().block(Duration.ofSeconds(5));

        assertThat(first).isNotNull();
        assertThat(first.comment()).isEqualTo("heartbeat");
    }

    @Test
    void aChangeFollowsAsANamedEvent() {
        BoardChange change = new BoardChange("topic", "t-1", "TopicPublished", "OPEN", Instant.parse("2026-11-25T00:00:00Z"), null, "d1");

        List<ServerSentEvent<BoardChange>> events = controller.stream(null, street)
                .doOnNext(event -> changes.publish(List.of(change)))
                .take(2).collectList().block(Duration.ofSeconds(5));

        assertThat(events).hasSize(2);
        assertThat(events.get(1).event()).isEqualTo("topic");
        assertThat(events.get(1).id()).as("its position among all changes").isEqualTo("7");
        assertThat(events.get(1).data()).isEqualTo(change);
    }

    @Test
    void aReconnectingBrowserIsAskedForWhatFollowsTheLastItSaw() {
        controller.stream("41", street).next().block(Duration.ofSeconds(5));

        assertThat(lastSeenAsked).isEqualTo("41");
    }

    @Test
    void aDraftIsToldOnlyToItsPostersStaffAndTheCoordinator() {
        BoardChange draft = new BoardChange("topic", "t-2", "TopicPosted", "DRAFT", now, "street-01", "d1");
        BoardChange published = new BoardChange("topic", "t-3", "TopicPublished", "OPEN", now, null, "d1");
        for (Jwt reader : List.of(token("street-02", "STAFF", now.plusSeconds(60)), token("dept-01", "STAFF", now.plusSeconds(60)),
                token(null, "ANALYST", now.plusSeconds(60)))) {
            assertThat(told(reader, draft, published)).as(reader.getClaims().toString()).containsExactly("t-3");
        }
        for (Jwt reader : List.of(street, token(null, "COORDINATOR", now.plusSeconds(60)))) {
            assertThat(told(reader, draft, published)).as(reader.getClaims().toString()).containsExactly("t-2", "t-3");
        }
    }

    @Test
    void theStreamEndsWhenItsTokenExpires() {
        List<ServerSentEvent<BoardChange>> beforeTheEnd = controller.stream(null, token("street-01", "STAFF", now.plusMillis(300)))
                .collectList().block(Duration.ofSeconds(5));

        assertThat(beforeTheEnd).as("the first heartbeat, then the end").hasSize(1);
        assertThat(controller.stream(null, token("street-01", "STAFF", now.minusSeconds(1))).collectList()
                .block(Duration.ofSeconds(5))).as("an expired token's stream ends at once").hasSizeLessThanOrEqualTo(1);
    }

    private List<String> told(Jwt reader, BoardChange... changesToTell) {
        return controller.stream(null, reader)
                .doOnNext(first -> {
                    if ("heartbeat".equals(first.comment())) {
                        changes.publish(List.of(changesToTell));
                    }
                })
                .filter(event -> event.data() != null)
                // The published change is told last: a draft told to this reader would come before it.
                .takeUntil(event -> event.data().id().equals(changesToTell[changesToTell.length - 1].id()))
                .map(event -> event.data().id()).collectList().block(Duration.ofSeconds(5));
    }
}
