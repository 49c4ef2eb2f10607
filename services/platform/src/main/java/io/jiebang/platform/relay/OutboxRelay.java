package io.jiebang.platform.relay;

import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.platform.eventstore.PendingCommit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes stored events to Kafka, oldest commit first, and marks each commit once Kafka acknowledged all
 * its events. It stops at the first failure and starts again from that commit, so each stream's events
 * reach Kafka in order; a retry may publish an event twice, which consumers ignore by event id.
 * Woken after each commit; also looks every second for anything left behind (after a crash, say).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final MongoEventStore store;
    private final EventPublisher publisher;
    private final Semaphore signal = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(MongoEventStore store, EventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    public void wake() {
        signal.release();
    }

    /** Events acknowledged by Kafka since start. */
    public long publishedCount() {
        return published.get();
    }

    @Override
    public synchronized void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop before the binder's producers (default phase) are stopped.
        return Integer.MAX_VALUE - 100;
    }

    private void loop() {
        long backoffMillis = MIN_BACKOFF_MILLIS;
        boolean retryNow = false;
        while (running) {
            long before = published.get();
            try {
                if (!retryNow) {
                    signal.tryAcquire(1, TimeUnit.SECONDS);
                    signal.drainPermits();
                }
                publishPending();
                retryNow = false;
                backoffMillis = MIN_BACKOFF_MILLIS;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (published.get() > before) {
                    // Some got through: the broker is there, so the next try comes soon.
                    backoffMillis = MIN_BACKOFF_MILLIS;
                }
                log.warn("publishing stored events failed, retrying in {} ms: {}", backoffMillis, e.toString());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
                retryNow = true;
            }
        }
    }

    private void publishPending() {
        List<PendingCommit> batch;
        do {
            batch = store.pending(BATCH).collectList().block(STORE_TIMEOUT);
            for (PendingCommit commit : batch) {
                for (PendingCommit.OutgoingEvent event : commit.events()) {
                    publisher.publish(event.kafkaTopic(), event.key(), event.json());
                    published.incrementAndGet();
                }
                store.markPublished(commit.commitId()).block(STORE_TIMEOUT);
            }
        } while (running && batch.size() == BATCH);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
