package io.jiebang.e2e.bench;

import io.jiebang.devstack.LocalStack;
import io.jiebang.devstack.ProjectHome;
import io.jiebang.devstack.ServiceSpec;
import io.jiebang.events.KafkaTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code make bench-scale}: the board's read model at national scale. Generates the history of
 * {@code bench.scale.topics} topics among 40,000 streets and 100,000 departments straight into Kafka
 * ({@link ScaleGenerator}), starts the console on it, times how long its read model takes to absorb it all
 * (consumer lag 0), then measures the reads it serves from it: board pages with and without filters, deep pages,
 * search, topic pages and batches, with each process's memory and the store's size on disk. Writes
 * {@code target/bench/scale.json} and {@code scale.md}.
 */
public final class ScaleBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int STREETS = 40_000;
    private static final int DEPARTMENTS = 100_000;
    private static final String READER = "coordinator";
    private static final List<String> STATUSES = List.of("OPEN", "IN_PROGRESS", "RESOLVED");

    private final LocalStack stack;
    private final int topics;
    private final Duration readDuration;
    private final int callers;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> table = new ArrayList<>();

    public ScaleBenchmark(LocalStack stack) {
        this.stack = stack;
        this.topics = Integer.getInteger("bench.scale.topics", 1_000_000);
        this.readDuration = Duration.ofSeconds(Long.getLong("bench.scale.readSeconds", 20));
        this.callers = Integer.getInteger("bench.scale.callers", 16);
    }

    /** Runs it all; {@code tokens} gives a bearer token for a demo user once the console is up. */
    public Path run(Function<String, String> tokens) throws Exception {
        Benchmark.log("scale: generating %,d topics among %,d streets and %,d departments into Kafka", topics, STREETS, DEPARTMENTS);
        // The declared topics are created with the infrastructure, before anything is sent.
        stack.startInfrastructure();
        long began = System.nanoTime();
        long events = new ScaleGenerator(STREETS, DEPARTMENTS, topics, Instant.now().minus(Duration.ofDays(60)))
                .produce(stack.kafkaBootstrap());
        double produced = seconds(began);
        figure("generated events", "events", events);
        figure("generating them into Kafka", "s", produced);
        Benchmark.log("scale: %,d events in Kafka after %.0f s; starting the console on them", events, produced);

        began = System.nanoTime();
        stack.startServices(List.of(ServiceSpec.CONSOLE));
        figure("console start to healthy, with the history waiting", "s", seconds(began));
        awaitNoLag(began);
        double absorbed = seconds(began);
        figure("read model built from Kafka (console start to consumer lag 0)", "s", absorbed);
        figure("read model build rate", "events/s", events / absorbed);
        Benchmark.log("scale: read model built in %.0f s (%.0f events/s); measuring reads", absorbed, events / absorbed);

        measureReads(tokens.apply(READER));
        Processes.resident(stack.pids()).forEach((name, resident) -> {
            if (!name.equals(Processes.LOAD_GENERATOR)) {
                figure(name + " resident memory now / peak", "MiB", text("%.0f / %.0f", resident.now(), resident.peak()));
            }
        });
        figure("store on disk", "MiB", directorySize(stack.dataDir().resolve("store")) / 1024.0 / 1024.0);
        figure("broker on disk", "MiB", directorySize(stack.dataDir().resolve("kafka")) / 1024.0 / 1024.0);
        return write();
    }

    /** Until the console's consumer group has read every record of every board topic. */
    private void awaitNoLag(long began) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (var description : admin.describeTopics(KafkaTopics.ALL).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                description.partitions().forEach(p -> latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            long lastLog = 0;
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(ServiceSpec.CONSOLE.name())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                long lag = ends.entrySet().stream().mapToLong(end -> {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    return end.getValue() - (at == null ? 0 : at.offset());
                }).sum();
                if (lag == 0) {
                    return;
                }
                if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(30)) {
                    Benchmark.log("scale: %,d events still to read after %.0f s", lag, seconds(began));
                    lastLog = System.nanoTime();
                }
                Thread.sleep(500);
            }
        }
    }

    private void measureReads(String token) {
        Requests requests = new Requests(stack.consoleUrl(), user -> token, Duration.ofSeconds(10));
        int pages = topics / 20;
        measure(requests, "board, first page", () -> "/api/topics?size=20");
        measure(requests, "board, a batch and a status, one of its first 10 pages", () -> "/api/topics?size=20&batch="
                + ScaleGenerator.batch(random(ScaleGenerator.BATCHES)) + "&status=" + STATUSES.get(random(STATUSES.size()))
                + "&page=" + random(10));
        measure(requests, "board, any page of all topics", () -> "/api/topics?size=20&page=" + random(Math.max(1, Math.min(pages, 500))));
        measure(requests, "board, a search", () -> "/api/topics?size=20&q=" + java.net.URLEncoder.encode(
                List.of("电梯", "停车", "充电桩", "路灯", "垃圾", "养老").get(random(6)), java.nio.charset.StandardCharsets.UTF_8));
        measure(requests, "topic page", () -> "/api/topics/" + ScaleGenerator.topic(random(topics)));
        measure(requests, "batch", () -> "/api/batches/" + ScaleGenerator.batch(random(ScaleGenerator.BATCHES)));
    }

    private void measure(Requests requests, String name, Supplier<String> path) {
        Benchmark.log("scale: %s, %d callers for %d s", name, callers, readDuration.toSeconds());
        try (LoadClient client = new LoadClient(Duration.ofSeconds(10))) {
            // A few seconds first, not counted: the first requests of each kind compile their code.
            client.run(new StepStats("warm-up", 0), () -> Call.of(name, false, requests.get(READER, path.get())), 0, Duration.ofSeconds(5), callers);
            StepStats stats = new StepStats(name, 0);
            client.run(stats, () -> Call.of(name, false, requests.get(READER, path.get())), 0, readDuration, callers);
            StepStats.PerLabel answers = stats.labels().get(name);
            long ok = answers.count("200");
            Histogram latency = answers.latency;
            figure(name + ": per second / not 200", "requests/s", text("%.0f / %d", ok / stats.seconds(), answers.sent.sum() - ok));
            figure(name + ": p50 / p99 / p99.9", "ms", text("%.1f / %.1f / %.1f", latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, latency.getValueAtPercentile(99.9) / 1000.0));
        }
    }

    private static String text(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    private void figure(String name, String unit, Object value) {
        Object shown = value instanceof Double d ? Math.round(d * 10) / 10.0 : value;
        figures.put(name, Map.of("unit", unit, "value", shown));
        table.add("| " + name + " | " + unit + " | " + (shown instanceof Long n ? String.format(Locale.ROOT, "%,d", n) : shown) + " |");
    }

    private Path write() throws IOException {
        Path dir = ProjectHome.find().resolve("target").resolve("bench");
        Files.createDirectories(dir);
        String header = String.format(Locale.ROOT,
                "`make bench-scale` of %s: %,d topics, %,d streets, %,d departments; store %s, broker %s, %d cores.", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), topics, STREETS, DEPARTMENTS,
                        System.getenv("MONGODB_URI") == null ? "embedded" : "MongoDB at MONGODB_URI",
                        System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null ? "embedded" : "at KAFKA_BOOTSTRAP_SERVERS",
                        Runtime.getRuntime().availableProcessors());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("summary", header);
        root.put("figures", figures);
        Files.writeString(dir.resolve("scale.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        String markdown = header + "\n\n| figure | unit | value |\n|---|---|---|\n" + String.join("\n", table) + "\n";
        Files.writeString(dir.resolve("scale.md"), markdown);
        Benchmark.log("scale: wrote %s and scale.md", dir.resolve("scale.json"));
        return dir.resolve("scale.json");
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static long directorySize(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
