package io.jiebang.notification.application;

import io.jiebang.notification.domain.Notification;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/** Each recipient's inbox: its newest notifications and which of them are unread, read and written by recipient. */
public interface Inboxes {

    /** One notification in an inbox. */
    record Entry(Notification notification, boolean read) {
    }

    /** @param entries newest first */
    record Page(List<Entry> entries, int unread) {

        public Page {
            entries = List.copyOf(entries);
        }
    }

    /** Adds an unread notification; adding the same again changes nothing. The oldest beyond the inbox's size go. */
    Mono<Void> add(Notification notification);

    Mono<Page> page(String recipient, int limit);

    Mono<Integer> unread(String recipient);

    /** Marks one read; answers the unread count after, or empty when the inbox holds no such notification. */
    Mono<Optional<Integer>> markRead(String recipient, String notificationId);

    Mono<Void> markAllRead(String recipient);
}
