package io.jiebang.platform.observability;

import io.jiebang.platform.eventstore.OutboxBacklog;
import io.jiebang.platform.relay.OutboxRelay;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outbox relay's meters: events published and commits dead-lettered since start (counters), and the backlog
 * in the store with the age of its oldest commit (gauges), the latter read every {@code interval} and kept, as the
 * query is not free. The age is taken at scrape time from the kept oldest commit, so it keeps growing while the
 * relay is stuck (wall-clock time, as the commit's {@code recordedAt}, not the adjustable business clock).
 * Until the first read, and while the store cannot be read, the gauges have no value (NaN).
 */
public class OutboxMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final OutboxBacklog backlog;
    private final Duration interval;
    private final AtomicReference<OutboxBacklog.Snapshot> last = new AtomicReference<>();
    private volatile Disposable polling;

    public OutboxMetrics(OutboxBacklog backlog, OutboxRelay relay, MeterRegistry registry, Duration interval) {
        this.backlog = backlog;
        this.interval = interval;
        FunctionCounter.builder("jiebang.outbox.published", relay, OutboxRelay::publishedCount)
                .description("Events Kafka acknowledged to the outbox relay since start").register(registry);
        FunctionCounter.builder("jiebang.outbox.dead.letters", relay, OutboxRelay::deadLetteredCount)
                .description("Commits Kafka can never take, dead-lettered in the store since start").register(registry);
        Gauge.builder("jiebang.outbox.backlog", last, snapshot -> snapshot.get() == null ? Double.NaN : snapshot.get().commits())
                .description("Commits stored but not yet acknowledged by Kafka").register(registry);
        TimeGauge.builder("jiebang.outbox.oldest.age", last, TimeUnit.MILLISECONDS, this::oldestAgeMillis)
                .description("How long the oldest commit not yet acknowledged by Kafka has waited; 0 when none waits")
                .register(registry);
    }

    private double oldestAgeMillis(AtomicReference<OutboxBacklog.Snapshot> snapshot) {
        OutboxBacklog.Snapshot known = snapshot.get();
        if (known == null) {
            return Double.NaN;
        }
        Optional<Instant> oldest = known.oldestRecordedAt();
        return oldest.map(at -> (double) Math.max(0, Duration.between(at, Instant.now()).toMillis())).orElse(0.0);
    }

    @Override
    public void start() {
        polling = Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> backlog.snapshot().timeout(READ_TIMEOUT)
                        .doOnError(e -> {
                            last.set(null);
                            log.debug("reading the outbox backlog failed: {}", e.toString());
                        })
                        .onErrorResume(e -> Mono.empty()))
                .subscribe(last::set);
    }

    @Override
    public void stop() {
        Disposable running = polling;
        if (running != null) {
            running.dispose();
        }
        polling = null;
    }

    @Override
    public boolean isRunning() {
        return polling != null;
    }
}
