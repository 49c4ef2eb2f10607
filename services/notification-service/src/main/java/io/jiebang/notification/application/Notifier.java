package io.jiebang.notification.application;

import io.jiebang.notification.domain.Channel;
import io.jiebang.notification.domain.Delivery;
import io.jiebang.notification.domain.Notification;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes a notification on the channels its recipient wants for its kind: into the inbox, and a delivery for each
 * outside channel, whose first attempt starts at once. Safe to run again for the same notification, from a
 * redelivery or another instance: the log's first decision stands, the inbox takes an entry once, a delivery is made
 * once.
 */
@Service
public class Notifier {

    private final SettingsStore settings;
    private final NotificationLog notifications;
    private final Inboxes inboxes;
    private final Deliveries deliveries;
    private final DeliveryAttempts attempts;
    private final Clock clock;

    public Notifier(SettingsStore settings, NotificationLog notifications, Inboxes inboxes, Deliveries deliveries,
                    DeliveryAttempts attempts, Clock clock) {
        this.settings = settings;
        this.notifications = notifications;
        this.inboxes = inboxes;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.clock = clock;
    }

    public Mono<Void> notifyAll(List<Notification> all) {
        return Flux.fromIterable(all).concatMap(this::notify).then();
    }

    private Mono<Void> notify(Notification notification) {
        return settings.find(notification.recipient()).flatMap(wanted -> {
            List<Channel> channels = wanted.channelsFor(notification.eventType());
            if (channels.isEmpty()) {
                return Mono.empty();
            }
            return notifications.record(notification, channels)
                    .filter(recorded -> !recorded.complete())
                    .flatMap(recorded -> deliver(notification, recorded.channels()));
        });
    }

    /** Into the inbox, and the deliveries made; then the notification is complete and the deliveries are attempted. */
    private Mono<Void> deliver(Notification notification, List<Channel> channels) {
        List<Delivery> outside = channels.stream().filter(Channel::isExternal)
                .map(channel -> Delivery.of(notification, channel, clock.instant())).toList();
        Mono<Void> inbox = channels.contains(Channel.INBOX) ? inboxes.add(notification) : Mono.empty();
        return inbox
                .then(Flux.fromIterable(outside).concatMap(deliveries::create).then())
                .then(notifications.complete(notification.id()))
                .doOnSuccess(done -> attempts.startSoon(outside.stream().map(Delivery::id).toList()));
    }
}
