package io.jiebang.e2e;

import io.jiebang.devstack.ProjectHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code make bench}: how many commands the whole stack takes through the gateway, how fast it answers, and
 * how soon the board shows what was done. Figures, not assertions: targets belong here, not in timed tests.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true", disabledReason = "the benchmark runs with make bench")
class LoadBenchmarkIT {

    static final int CLIENTS = 8;
    static final int TOPICS = 40;
    static final Duration RUN = Duration.ofSeconds(30);
    static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(10);
    static final int VISIBILITY_SAMPLES = 40;

    final Api api = RunningStack.api();
    final Board board = new Board(api);

    @Test
    void progressReportsThroughTheGateway() throws Exception {
        String batchId = api.createOpenBatch("基准批次");
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < TOPICS; i++) {
            String topic = board.postAndPublish("street-01", batchId, "基准 " + i, "FIRST_COME", 0, 60);
            board.claimAndAwait(topic, "dept-01");
            topics.add(topic);
        }
        for (String topic : topics) {
            api.postEventually("/api/topics/" + topic + "/progress", "dept-01", Map.of("percent", 1, "note", "warm-up")).expect(201);
        }

        Map<String, AtomicInteger> reportsPerTopic = new ConcurrentHashMap<>();
        topics.forEach(topic -> reportsPerTopic.put(topic, new AtomicInteger(1)));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                int n = 0;
                while (running.get()) {
                    String topic = topics.get((client + n++) % topics.size());
                    long start = System.nanoTime();
                    Api.Response response = api.post("/api/topics/" + topic + "/progress", "dept-01",
                            Map.of("percent", n % 100, "note", "bench " + client + "-" + n));
                    if (response.status() == 201) {
                        latencies.add(System.nanoTime() - start);
                        reportsPerTopic.get(topic).incrementAndGet();
                    }
                }
            });
            thread.start();
            clients.add(thread);
        }
        Instant began = Instant.now();
        Thread.sleep(RUN.toMillis());
        running.set(false);
        for (Thread thread : clients) {
            thread.join();
        }
        Instant loadEnded = Instant.now();
        double seconds = Duration.between(began, loadEnded).toMillis() / 1000.0;

        // The board shows every accepted report: how long after the load it has worked off its backlog
        for (String topic : topics) {
            int reports = reportsPerTopic.get(topic).get();
            api.awaitTopic(topic, "dept-01", t -> t.path("progress").path("reports").asInt() >= reports, CATCH_UP_LIMIT);
        }
        double catchUpSeconds = Duration.between(loadEnded, Instant.now()).toMillis() / 1000.0;

        List<Long> visible = new ArrayList<>();
        for (int i = 0; i < VISIBILITY_SAMPLES; i++) {
            String topic = topics.get(i % topics.size());
            String note = "seen-" + UUID.randomUUID();
            long start = System.nanoTime();
            api.post("/api/topics/" + topic + "/progress", "dept-01", Map.of("percent", 50, "note", note)).expect(201);
            api.awaitTopic(topic, "dept-01", t -> t.get("progress") != null && note.equals(t.get("progress").get("note").asString()));
            visible.add(System.nanoTime() - start);
        }

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        Collections.sort(visible);
        String report = String.format("""
                | measure | value |
                |---|---|
                | clients | %d, for %d s, on %d topics |
                | progress reports accepted (201) | %d |
                | throughput through the gateway | %.0f commands/s |
                | answer latency p50 / p95 / p99 | %.1f / %.1f / %.1f ms |
                | board (read model) caught up with every accepted report | %.1f s after the load ended |
                | command to board once idle, p50 / p95 (%d samples, polled every 100 ms) | %.0f / %.0f ms |

                Measured on %s by `make bench`.
                """, CLIENTS, RUN.toSeconds(), TOPICS, sorted.size(), sorted.size() / seconds, ms(sorted, 0.50), ms(sorted, 0.95),
                ms(sorted, 0.99), catchUpSeconds, VISIBILITY_SAMPLES, ms(visible, 0.50), ms(visible, 0.95), Instant.now());
        System.out.println(report);
        Path out = ProjectHome.find().resolve("services/e2e/target/bench-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(quantile * sorted.size()))) / 1_000_000.0;
    }
}
