package io.jiebang.e2e.bench;

import io.jiebang.e2e.bench.Inventory.Topic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How soon a command shows on the read side. A probe sends a progress report on a topic that only the probes
 * use, and from its 2xx answer measures until (a) {@code GET /api/topics/{id}} shows it, polled
 * every 25 ms, and (b) the console's Server-Sent Events stream ({@code /api/stream}) announces it. The probe
 * has its own HTTP client, so the load's answers queued in the load client never delay what it sees.
 */
final class PropagationProbe implements AutoCloseable {

    private static final Duration POLL_EVERY = Duration.ofMillis(25);
    private static final String REPORTED = "ProgressReported";
    /** Event times may be cut to the millisecond on their way; earlier probes on a topic are far older than this. */
    private static final Duration CLOCK_SLACK = Duration.ofMillis(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One probe's times, in System.nanoTime(); null when not seen within the patience. */
    private record Sample(boolean accepted, long answeredAt, Long polledAt, Long announcedAt) {
    }

    /** What the stream listener waits for on a probe topic: a report that happened after the probe was sent. */
    private record Expected(Instant sentAt, CompletableFuture<Long> announced) {
    }

    private final ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "bench-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
    private final Requests requests;
    private final List<Topic> topics;
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final CountDownLatch streamOpen = new CountDownLatch(1);
    private volatile Flow.Subscription stream;

    PropagationProbe(Requests requests, List<Topic> topics) {
        this.requests = requests;
        this.topics = List.copyOf(topics);
    }

    /** Subscribes to the board's change stream, as an open console does, and waits for its first heartbeat. */
    void open() throws InterruptedException {
        URI uri = URI.create(requests.base() + "/api/stream?access_token=" + requests.token(Inventory.PROBE_POSTER));
        http.sendAsync(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new Listener()));
        if (!streamOpen.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the console's stream " + requests.base() + "/api/stream did not open");
        }
    }

    /**
     * Probes until the returned handle is closed: one loop per probe topic, each probe given the patience. A topic
     * has one probe at a time, so the stream's announcement for it is unambiguous.
     */
    AutoCloseable during(StepStats stats, Duration patience, Duration pause) {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> loops = topics.stream().map(topic -> new Thread(() -> {
            while (running.get()) {
                Sample sample = probe(topic, patience);
                stats.probed(sample.accepted(), nanosSince(sample.answeredAt(), sample.polledAt()),
                        nanosSince(sample.answeredAt(), sample.announcedAt()));
                sleep(pause);
            }
        }, "bench-probe-" + topic.id())).toList();
        loops.forEach(Thread::start);
        return () -> {
            running.set(false);
            for (Thread loop : loops) {
                loop.join();
            }
        };
    }

    /**
     * After a step: seconds until a command sent now shows on the topic page, i.e. until the read side has worked
     * off what the step left behind; empty if it did not within the patience.
     */
    OptionalDouble catchUp(Duration patience) {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Sample sample = probe(topics.get(0), Duration.ofNanos(deadline - System.nanoTime()));
            if (sample.accepted()) {
                return sample.polledAt() == null ? OptionalDouble.empty() : OptionalDouble.of((sample.polledAt() - start) / 1e9);
            }
            sleep(POLL_EVERY.multipliedBy(8));
        }
        return OptionalDouble.empty();
    }

    private Sample probe(Topic topic, Duration patience) {
        String note = "probe-" + UUID.randomUUID();
        Expected expectation = new Expected(Instant.now(), new CompletableFuture<>());
        expected.put(topic.id(), expectation);
        HttpRequest report = requests.post(Inventory.PROBE_LEAD, "/api/topics/" + topic.id() + "/progress",
                Commands.progress(50, note));
        HttpResponse<String> answer = send(report);
        long answeredAt = System.nanoTime();
        if (answer == null || answer.statusCode() / 100 != 2) {
            return new Sample(false, answeredAt, null, null);
        }
        long deadline = answeredAt + patience.toNanos();
        HttpRequest page = requests.get(Inventory.PROBE_POSTER, "/api/topics/" + topic.id());
        Long polledAt = null;
        while (polledAt == null && System.nanoTime() < deadline) {
            HttpResponse<String> view = send(page);
            if (view != null && view.statusCode() == 200 && view.body().contains(note)) {
                polledAt = System.nanoTime();
            } else {
                sleep(POLL_EVERY);
            }
        }
        Long announcedAt;
        try {
            announcedAt = expectation.announced().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            announcedAt = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            announcedAt = null;
        }
        return new Sample(true, answeredAt, polledAt, announcedAt);
    }

    /** From the answer until seen; an announcement that beat the answer counts as 0. Null stays null: not seen. */
    private static Long nanosSince(long answeredAt, Long seenAt) {
        return seenAt == null ? null : Math.max(0, seenAt - answeredAt);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.cancel();
        }
        executor.shutdownNow();
    }

    /** Reads the stream line by line; only data lines about a probe topic's progress are parsed. */
    private final class Listener implements Flow.Subscriber<String> {

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            stream = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            streamOpen.countDown();
            if (!line.startsWith("data:") || !line.contains(REPORTED)) {
                return;
            }
            JsonNode change = JSON.readTree(line.substring("data:".length()));
            Expected expectation = expected.get(change.path("id").asString(""));
            if (expectation != null && REPORTED.equals(change.path("event").asString(""))
                    && !Instant.parse(change.path("at").asString()).isBefore(expectation.sentAt().minus(CLOCK_SLACK))) {
                expectation.announced().complete(System.nanoTime());
            }
        }

        @Override
        public void onError(Throwable error) {
            // the stream ended early: the probes still waiting count as not announced
        }

        @Override
        public void onComplete() {
            // the console closed the stream: likewise
        }
    }
}
