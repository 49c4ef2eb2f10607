package io.jiebang.notification.web;

import io.jiebang.events.Actor;
import io.jiebang.notification.application.DeliveryLog;
import io.jiebang.notification.domain.Channel;
import io.jiebang.notification.domain.Delivery;
import io.jiebang.platform.domain.Rejection;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A recipient's delivery log: {@code GET /api/notification-settings/{recipient}/deliveries?status=&channel=} (newest
 * first) and {@code POST .../deliveries/{id}/retry} to attempt a dead one again (202).
 */
@RestController
@RequestMapping("/api/notification-settings/{recipient}/deliveries")
public class DeliveriesController {

    private final DeliveryLog log;

    public DeliveriesController(DeliveryLog log) {
        this.log = log;
    }

    /** {@code link}: the console route of the page its notification is about, the topic's or a batch's period digest. */
    public record DeliveryView(String id, String notificationId, String eventType, String topicId, String title,
                               String link, String channel, String status, int attempts, String lastError,
                               Instant nextAttemptAt, Instant sentAt, Instant createdAt) {

        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(delivery.id(), delivery.notification().id(), delivery.notification().eventType(),
                    delivery.notification().topicId(), delivery.notification().title(), delivery.notification().page(),
                    delivery.channel().name(),
                    delivery.status().name(), delivery.attempts(), delivery.lastError(), delivery.nextAttemptAt(),
                    delivery.sentAt(), delivery.createdAt());
        }
    }

    @GetMapping
    public Flux<DeliveryView> list(Actor actor, @PathVariable String recipient,
                                   @RequestParam(required = false) String status, @RequestParam(required = false) String channel) {
        return log.list(actor, recipient, status(status), channel(channel)).map(DeliveryView::of);
    }

    @PostMapping("/{deliveryId}/retry")
    public Mono<ResponseEntity<DeliveryView>> retry(Actor actor, @PathVariable String recipient, @PathVariable String deliveryId) {
        return log.retry(actor, recipient, deliveryId)
                .map(retried -> ResponseEntity.status(HttpStatus.ACCEPTED).body(DeliveryView.of(retried)));
    }

    private static Delivery.Status status(String asked) {
        if (asked == null || asked.isBlank()) {
            return null;
        }
        try {
            return Delivery.Status.valueOf(asked.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw Rejection.invalid("status", "delivery-status-unknown", "status is one of PENDING, SENT, FAILED or DEAD, not {0}", asked);
        }
    }

    private static Channel channel(String asked) {
        if (asked == null || asked.isBlank()) {
            return null;
        }
        try {
            Channel channel = Channel.valueOf(asked.toUpperCase(Locale.ROOT));
            if (channel.isExternal()) {
                return channel;
            }
        } catch (IllegalArgumentException unknown) {
            // refused below, as the inbox is: it has no deliveries
        }
        throw Rejection.invalid("channel", "delivery-channel-unknown", "channel is EMAIL or WEBHOOK, not {0}", asked);
    }
}
