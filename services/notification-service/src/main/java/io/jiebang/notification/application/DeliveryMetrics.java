package io.jiebang.notification.application;

import io.jiebang.notification.domain.Delivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The deliveries' meters: {@code jiebang.notification.deliveries} counts attempts by channel and outcome (sent,
 * failed, dead) since start; the gauge {@code jiebang.notification.deliveries.dead} is how many deliveries are dead in
 * the store (the same on every instance), read every {@link #INTERVAL} and whenever a delivery dies or is retried, as
 * counting is a query. No value (NaN) until the first read and while the store cannot be read.
 */
@Component
public class DeliveryMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryMetrics.class);
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final Deliveries deliveries;
    private final MeterRegistry registry;
    private final AtomicReference<Long> dead = new AtomicReference<>();
    private volatile Disposable polling;

    public DeliveryMetrics(Deliveries deliveries, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.registry = registry;
        Gauge.builder("jiebang.notification.deliveries.dead", dead, known -> known.get() == null ? Double.NaN : known.get())
                .description("Deliveries given up on after their last attempt, waiting for a hand to retry them")
                .register(registry);
    }

    /** Counts an attempt by its outcome. */
    public void attempted(Delivery settled) {
        Counter.builder("jiebang.notification.deliveries").description("Delivery attempts by channel and outcome")
                .tag("channel", settled.channel().name().toLowerCase(Locale.ROOT))
                .tag("outcome", switch (settled.status()) {
                    case SENT -> "sent";
                    case DEAD -> "dead";
                    default -> "failed";
                })
                .register(registry).increment();
        if (settled.status() == Delivery.Status.DEAD) {
            countDead();
        }
    }

    /** Reads the dead deliveries again, e.g. after one was retried by hand. */
    public void countDead() {
        read().subscribe();
    }

    private Mono<Long> read() {
        return deliveries.countDead()
                .doOnNext(dead::set)
                .doOnError(failure -> {
                    dead.set(null);
                    log.debug("counting dead deliveries failed: {}", failure.toString());
                })
                .onErrorResume(failure -> Mono.empty());
    }

    @Override
    public void start() {
        polling = Flux.interval(Duration.ZERO, INTERVAL).onBackpressureDrop().concatMap(tick -> read()).subscribe();
    }

    @Override
    public void stop() {
        Disposable running = polling;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return polling != null && !polling.isDisposed();
    }
}
