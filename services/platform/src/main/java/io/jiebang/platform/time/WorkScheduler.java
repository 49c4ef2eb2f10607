package io.jiebang.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs every {@link ScheduledWork} at a fixed interval, one pass at a time, and on demand after the clock moved.
 * <p>
 * Several instances of a service tick each on its own; a lock in the service's database (ShedLock) lets one
 * pass run per interval among them: the pass keeps the lock for most of the interval, so the others' ticks
 * within it find it taken and skip. The work is idempotent anyway (a lost race ends in a duplicate commit),
 * so the lock saves work; correctness does not rest on it.
 */
public class WorkScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkScheduler.class);
    private static final String LOCK = "scheduled-work";
    /** Held no longer than this if an instance dies during a pass; a pass that runs longer may overlap another. */
    private static final Duration LOCK_AT_MOST = Duration.ofMinutes(1);

    private final List<ScheduledWork> work;
    private final Clock clock;
    private final Duration interval;
    private final LockingTaskExecutor instances;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private Disposable ticks;

    public WorkScheduler(List<ScheduledWork> work, Clock clock, Duration interval, LockingTaskExecutor instances) {
        this.work = List.copyOf(work);
        this.clock = clock;
        this.interval = interval;
        this.instances = instances;
    }

    /**
     * Runs everything that is due now, whichever instance ran last, and completes when done: after the test
     * clock moved, each instance is asked in turn.
     */
    public Mono<Void> runNow() {
        return Mono.fromRunnable(this::runAll).subscribeOn(Schedulers.boundedElastic()).then();
    }

    /** One tick: runs unless another instance ran within this interval. */
    Mono<Void> tick() {
        LockConfiguration lock = new LockConfiguration(Instant.now(), LOCK, LOCK_AT_MOST, interval.multipliedBy(4).dividedBy(5));
        return Mono.fromRunnable(() -> instances.executeWithLock((Runnable) this::runAll, lock))
                .subscribeOn(Schedulers.boundedElastic()).then();
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
        if (work.isEmpty()) {
            return;
        }
        ticks = Flux.interval(interval, interval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> tick().onErrorResume(e -> {
                    log.warn("the scheduler's lock is out of reach; the next tick tries again: {}", e.toString());
                    return Mono.empty();
                }), 1)
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
