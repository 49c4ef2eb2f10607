package io.jiebang.notification.application;

import io.jiebang.events.Actor;
import io.jiebang.notification.domain.Channel;
import io.jiebang.notification.domain.Delivery;
import io.jiebang.platform.domain.Rejection;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A recipient's deliveries, for those who may manage its settings: what was sent, what failed and why, a hand's retry. */
@Service
public class DeliveryLog {

    private final Deliveries deliveries;
    private final DeliveryAttempts attempts;
    private final DeliveryMetrics metrics;
    private final RecipientAccess access;
    private final Clock clock;

    public DeliveryLog(Deliveries deliveries, DeliveryAttempts attempts, DeliveryMetrics metrics, RecipientAccess access,
                       Clock clock) {
        this.deliveries = deliveries;
        this.access = access;
        this.attempts = attempts;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The recipient's newest deliveries, newest first, of a status and a channel when given. */
    public Flux<Delivery> list(Actor actor, String recipient, Delivery.Status status, Channel channel) {
        return access.check(actor, recipient).thenMany(deliveries.log(recipient))
                .filter(delivery -> status == null || delivery.status() == status)
                .filter(delivery -> channel == null || delivery.channel() == channel);
    }

    /** A dead delivery is attempted once more, now. */
    public Mono<Delivery> retry(Actor actor, String recipient, String deliveryId) {
        return access.check(actor, recipient).then(deliveries.find(deliveryId))
                .filter(delivery -> delivery.recipient().equals(recipient))
                .switchIfEmpty(Mono.error(() -> Rejection.notFound("delivery-not-found",
                        "{1} has no delivery {0}", deliveryId, recipient)))
                .map(dead -> dead.retried(clock.instant()))
                .flatMap(retried -> deliveries.save(retried).thenReturn(retried))
                .doOnSuccess(retried -> {
                    metrics.countDead();
                    attempts.startSoon(List.of(retried.id()));
                });
    }
}
