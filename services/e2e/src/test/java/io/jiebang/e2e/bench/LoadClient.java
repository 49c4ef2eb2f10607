package io.jiebang.e2e.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop client. At a fixed rate, requests leave on a schedule set in advance, whether or not the
 * earlier ones were answered, and each latency counts from when its request was meant to leave: a stack that
 * stalls shows in the latencies instead of slowing the client down (no coordinated omission). A cap on the
 * requests under way keeps an overloaded stack from drowning the machine; while it holds, sending waits,
 * the waiting counts in the latencies, and what the step could not send by its end is its shortfall.
 */
final class LoadClient implements AutoCloseable {

    /** Answers still under way at the end of a step are waited for this much beyond their own timeout. */
    private static final Duration DRAIN_MARGIN = Duration.ofSeconds(2);

    private final ExecutorService answers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "bench-answers");
        thread.setDaemon(true);
        return thread;
    });
    // HTTP/1.1 as browsers and scripts talk to the gateway; the JDK would otherwise try an h2c upgrade on each connection.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(answers).build();
    private final Duration requestTimeout;

    LoadClient(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    HttpClient http() {
        return http;
    }

    /**
     * Sends for the given time and returns once every answer is in (or timed out).
     *
     * @param requestsPerSecond the fixed rate; 0 sends whenever a request is answered, as a closed loop of {@code inFlight}
     */
    void run(StepStats stats, Workload workload, double requestsPerSecond, Duration duration, int inFlight) {
        Semaphore underWay = new Semaphore(inFlight);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        stats.window(start, end);
        double period = requestsPerSecond > 0 ? 1e9 / requestsPerSecond : 0;
        for (long i = 0; ; i++) {
            long intended = start + (long) (i * period);
            if (intended >= end) {
                break;
            }
            sleepUntil(intended);
            if (!acquireBefore(underWay, end)) {
                break;
            }
            Call call = workload.next();
            stats.sent(call);
            send(call, period > 0 ? intended : System.nanoTime(), stats, underWay);
        }
        try {
            underWay.tryAcquire(inFlight, requestTimeout.plus(DRAIN_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Call call, long from, StepStats stats, Semaphore underWay) {
        try {
            http.sendAsync(call.request(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                try {
                    Answer answer = error == null ? new Answer(response.statusCode(), response.body(), null)
                            : new Answer(0, null, error instanceof CompletionException ? error.getCause() : error);
                    stats.answered(call, from, System.nanoTime(), answer);
                    call.then().accept(answer);
                } catch (RuntimeException bug) {
                    stats.benchError(bug);
                } finally {
                    underWay.release();
                }
            });
        } catch (RuntimeException refused) {
            stats.answered(call, from, System.nanoTime(), new Answer(0, null, refused));
            underWay.release();
        }
    }

    private static boolean acquireBefore(Semaphore semaphore, long deadline) {
        long left = deadline - System.nanoTime();
        try {
            return left > 0 && semaphore.tryAcquire(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleepUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    @Override
    public void close() {
        answers.shutdownNow();
    }
}
