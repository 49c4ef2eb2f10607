package io.jiebang.notification.web;

import io.jiebang.events.Actor;
import io.jiebang.notification.application.InboxUseCases;
import io.jiebang.notification.application.Inboxes;
import io.jiebang.notification.domain.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The caller's inbox: {@code GET /api/inbox?limit=} (newest first, the whole inbox without a limit, with the unread count),
 * {@code GET /api/inbox/unread-count}, {@code POST /api/inbox/{id}/read} and {@code POST /api/inbox/read-all}. The console
 * asks for the count again shortly after each change of the board it shows (notifications are made from the same
 * events): no stream per browser is held open through the gateway.
 */
@RestController
@RequestMapping("/api/inbox")
public class InboxController {

    private final InboxUseCases inbox;

    public InboxController(InboxUseCases inbox) {
        this.inbox = inbox;
    }

    public record InboxView(String recipient, int unread, List<NotificationView> notifications) {
    }

    /**
     * A notification as the console shows it: it words the kind and its fields itself, in the reader's language.
     * {@code link}: the console route of the page it is about, the topic's or a batch's period digest (no topic).
     */
    public record NotificationView(String id, String eventId, String eventType, String topicId, String title, int round,
                                   Map<String, Object> fields, String link, Instant occurredAt, boolean read) {

        static NotificationView of(Inboxes.Entry entry) {
            Notification notification = entry.notification();
            return new NotificationView(notification.id(), notification.eventId(), notification.eventType(),
                    notification.topicId(), notification.title(), notification.round(), notification.fields(),
                    notification.page(), notification.occurredAt(), entry.read());
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
}
