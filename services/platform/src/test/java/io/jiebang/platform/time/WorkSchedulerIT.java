package io.jiebang.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.platform.EmbeddedStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Two instances of a service tick on their own; one pass of the scheduled work runs per interval between them. */
class WorkSchedulerIT {

    static EmbeddedStore embedded;

    @BeforeAll
    static void start() {
        embedded = new EmbeddedStore();
    }

    @AfterAll
    static void stop() {
        embedded.close();
    }

    @Test
    void onlyTheFirstInstanceToTickWithinAnIntervalRunsTheWork() {
        AtomicInteger passes = new AtomicInteger();
        ScheduledWork work = now -> Mono.fromRunnable(passes::incrementAndGet);
        String database = "test-" + UUID.randomUUID();
        try (SchedulerLockStore locksA = new SchedulerLockStore(embedded.uri(), database);
             SchedulerLockStore locksB = new SchedulerLockStore(embedded.uri(), database)) {
            WorkScheduler a = scheduler(work, locksA);
            WorkScheduler b = scheduler(work, locksB);

            a.tick().block();
            b.tick().block();
            a.tick().block();
            assertThat(passes).as("one pass in the interval, whichever instance ticks").hasValue(1);

            b.runNow().block();
            assertThat(passes).as("on demand (the test clock moved), each instance asked runs").hasValue(2);
        }
    }

    private static WorkScheduler scheduler(ScheduledWork work, SchedulerLockStore locks) {
        return new WorkScheduler(List.of(work), Clock.systemUTC(), Duration.ofMinutes(1),
                new DefaultLockingTaskExecutor(new MongoLockProvider(locks.collection())));
    }
}
