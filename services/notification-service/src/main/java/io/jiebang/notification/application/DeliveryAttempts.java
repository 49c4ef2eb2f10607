package io.jiebang.notification.application;

import io.jiebang.notification.domain.Backoff;
import io.jiebang.notification.domain.Channel;
import io.jiebang.notification.domain.Delivery;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Attempts deliveries: claims one (so no other instance sends it at the same time), sends it in its recipient's
 * language on its channel, and stores the outcome: sent, due again after the backoff's wait, or dead after the last
 * attempt. A delivery found already sent when claimed (an instance died between sending and releasing it) is not
 * sent again; one that died while sending is sent again once its claim lapses, so a receiver may get a delivery twice
 * and tells by its id ({@code X-Jiebang-Delivery}).
 */
@Service
public class DeliveryAttempts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final Deliveries deliveries;
    private final SettingsStore settings;
    private final Map<Channel, DeliveryChannel> channels = new EnumMap<>(Channel.class);
    private final NotificationTexts texts;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public DeliveryAttempts(Deliveries deliveries, SettingsStore settings, List<DeliveryChannel> channels,
                            NotificationTexts texts, DeliveryMetrics metrics, Clock clock) {
        this.deliveries = deliveries;
        this.settings = settings;
        channels.forEach(channel -> this.channels.put(channel.channel(), channel));
        this.texts = texts;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Attempts these deliveries in the background: handling an event does not wait for the receivers. */
    public void startSoon(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Flux.fromIterable(ids).flatMap(this::attempt).subscribeOn(Schedulers.boundedElastic())
                .subscribe(null, failure -> log.warn("attempting deliveries {} failed; they are attempted again when due: {}",
                        ids, failure.toString()));
    }

    /** One attempt of a delivery, if it is due and nobody else holds it. */
    public Mono<Void> attempt(String id) {
        return deliveries.claim(id, clock.instant())
                .flatMap(claimed -> claimed.isDue() ? send(claimed) : deliveries.save(claimed));
    }

    private Mono<Void> send(Delivery delivery) {
        DeliveryChannel channel = channels.get(delivery.channel());
        return settings.find(delivery.recipient())
                .flatMap(recipient -> Mono.defer(() -> channel.send(delivery, recipient,
                                texts.render(delivery.notification(), recipient.language())))
                        .then(Mono.fromSupplier(() -> delivery.sent(clock.instant())))
                        .onErrorResume(failure -> Mono.just(delivery.failed(clock.instant(), describe(failure), Backoff.STANDARD))))
                .flatMap(settled -> deliveries.save(settled).doOnSuccess(saved -> reportOutcome(settled)));
    }

    /** Counts the attempt by its outcome, and logs a failure. */
    private void reportOutcome(Delivery settled) {
        metrics.attempted(settled);
        if (settled.status() == Delivery.Status.FAILED) {
            log.info("delivery {} failed (attempt {}), next at {}: {}", settled.id(), settled.attempts(), settled.nextAttemptAt(),
                    settled.lastError());
        } else if (settled.status() == Delivery.Status.DEAD) {
            log.warn("delivery {} is dead after {} attempts: {}", settled.id(), settled.attempts(), settled.lastError());
        }
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
