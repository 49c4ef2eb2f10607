package io.jiebang.notification.application;

import io.jiebang.events.Actor;
import io.jiebang.notification.domain.Recipients;
import io.jiebang.platform.domain.Rejection;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The caller's own inbox: its organisation's for staff, the coordinators' or the leadership's. */
@Service
public class InboxUseCases {

    private final Inboxes inboxes;
    private final NotificationProperties properties;

    public InboxUseCases(Inboxes inboxes, NotificationProperties properties) {
        this.inboxes = inboxes;
        this.properties = properties;
    }

    /** The inbox a page of it is read from, with the recipient named. */
    public record Read(String recipient, Inboxes.Page page) {
    }

    /** @param limit how many of the newest, or null for all the inbox holds */
    public Mono<Read> page(Actor actor, Integer limit) {
        String recipient = Recipients.inboxOf(actor);
        if (limit != null && (limit < 1 || limit > properties.inboxSize())) {
            throw Rejection.invalid("limit", "limit-out-of-range", "limit is between 1 and {0}", properties.inboxSize());
        }
        return inboxes.page(recipient, limit == null ? properties.inboxSize() : limit).map(page -> new Read(recipient, page));
    }

    public Mono<Integer> unread(Actor actor) {
        return inboxes.unread(Recipients.inboxOf(actor));
    }

    /** Marks one read and answers how many are still unread. */
    public Mono<Integer> markRead(Actor actor, String notificationId) {
        String recipient = Recipients.inboxOf(actor);
        return inboxes.markRead(recipient, notificationId)
                .map(unread -> unread.orElseThrow(() -> Rejection.notFound("notification-not-found",
                        "the inbox of {1} holds no notification {0}", notificationId, recipient)));
    }

    public Mono<Void> markAllRead(Actor actor) {
        return inboxes.markAllRead(Recipients.inboxOf(actor));
    }
}
