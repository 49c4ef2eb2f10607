package io.jiebang.notification.web;

import io.jiebang.events.Actor;
import io.jiebang.notification.application.InboxUseCases;
import io.jiebang.notification.application.Inboxes;
import io.jiebang.notification.domain.Notification;
import io.jiebang.platform.security.JwtActors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The caller's inbox: {@code GET /api/inbox?limit=} (newest first, the whole inbox without a limit, with the unread count),
 * {@code GET /api/inbox/unread-count}, {@code POST /api/inbox/{id}/read}, {@code POST /api/inbox/read-all}, and
 * {@code GET /api/inbox/stream}, the unread count live as Server-Sent Events.
 */
@RestController
@RequestMapping("/api/inbox")
public class InboxController {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final InboxUseCases inbox;
    private final Clock clock;

    @Autowired
    public InboxController(InboxUseCases inbox) {
        this(inbox, Clock.systemUTC());
    }

    /** @param clock the real clock, which tokens' expiry follows (not the business clock tests may move) */
    InboxController(InboxUseCases inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    public record InboxView(String recipient, int unread, List<NotificationView> notifications) {
    }

    /** A notification as the console shows it: it words the kind and its fields itself, in the reader's language. */
    public record NotificationView(String id, String eventId, String eventType, String topicId, String title, int round,
                                   Map<String, Object> fields, Instant occurredAt, boolean read) {

        static NotificationView of(Inboxes.Entry entry) {
            Notification notification = entry.notification();
            return new NotificationView(notification.id(), notification.eventId(), notification.eventType(),
                    notification.topicId(), notification.title(), notification.round(), notification.fields(),
                    notification.occurredAt(), entry.read());
        }
    }

    public record UnreadView(int unread) {
    }

    @GetMapping
    public Mono<InboxView> list(Actor actor, @RequestParam(required = false) Integer limit) {
        return inbox.page(actor, limit).map(read -> new InboxView(read.recipient(), read.page().unread(),
                read.page().entries().stream().map(NotificationView::of).toList()));
    }

    @GetMapping("/unread-count")
    public Mono<UnreadView> unread(Actor actor) {
        return inbox.unread(actor).map(UnreadView::new);
    }

    @PostMapping("/{notificationId}/read")
    public Mono<UnreadView> read(Actor actor, @PathVariable String notificationId) {
        return inbox.markRead(actor, notificationId).map(UnreadView::new);
    }

    @PostMapping("/read-all")
    public Mono<UnreadView> readAll(Actor actor) {
        return inbox.markAllRead(actor).thenReturn(new UnreadView(0));
    }

    /**
     * An {@code unread} event with the count at once and whenever it changes, whichever instance changed it, and a
     * heartbeat comment so proxies keep the stream open. It ends when the token expires: the browser's reconnection
     * then needs a fresh one (EventSource sends it as {@code access_token} in the query).
     */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<UnreadView>> stream(@AuthenticationPrincipal Jwt token) {
        Flux<ServerSentEvent<UnreadView>> counts = inbox.unreadCounts(JwtActors.toActor(token))
                .map(unread -> ServerSentEvent.builder(new UnreadView(unread)).event("unread").build());
        Flux<ServerSentEvent<UnreadView>> heartbeat = Flux.interval(HEARTBEAT, HEARTBEAT)
                .map(tick -> ServerSentEvent.<UnreadView>builder().comment("heartbeat").build());
        return Flux.merge(counts, heartbeat).takeUntilOther(expiry(token.getExpiresAt()));
    }

    private Mono<Long> expiry(Instant expires) {
        if (expires == null) {
            return Mono.never();
        }
        Duration left = Duration.between(clock.instant(), expires);
        return Mono.delay(left.isNegative() ? Duration.ZERO : left);
    }
}
