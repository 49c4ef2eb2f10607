package io.jiebang.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Runs every {@link ScheduledWork} at a fixed interval, one pass at a time, and on demand after the clock moved. */
public class WorkScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkScheduler.class);

    private final List<ScheduledWork> work;
    private final Clock clock;
    private final Duration interval;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private Disposable ticks;

    public WorkScheduler(List<ScheduledWork> work, Clock clock, Duration interval) {
        this.work = List.copyOf(work);
        this.clock = clock;
        this.interval = interval;
    }

    /** Runs everything that is due now and completes when done. */
    public Mono<Void> runNow() {
        return Mono.fromRunnable(this::runAll).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private void runAll() {
        oneAtATime.lock();
        try {
            for (ScheduledWork item : work) {
                try {
                    item.runDue(clock.instant()).block(Duration.ofMinutes(2));
                } catch (RuntimeException e) {
                    log.warn("scheduled work {} failed; it runs again next time: {}", item.getClass().getSimpleName(), e.toString());
                }
            }
        } finally {
            oneAtATime.unlock();
        }
    }

    @Override
    public void start() {
        ticks = Flux.interval(interval, interval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> runNow(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (ticks != null) {
            ticks.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return ticks != null && !ticks.isDisposed();
    }
}
