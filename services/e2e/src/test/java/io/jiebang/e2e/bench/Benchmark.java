package io.jiebang.e2e.bench;

import io.jiebang.devstack.LocalStack;
import io.jiebang.devstack.ProjectHome;
import io.jiebang.devstack.ServiceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code make bench} once the stack is up and seeded: the baselines, the constant-rate steps, the saturation
 * step, and the report. Progress goes to {@code target/bench/progress.log} (surefire keeps the test's own output).
 */
public final class Benchmark {

    private final LocalStack stack;
    private final Function<String, String> tokens;
    private final Inventory inventory;
    private final BenchConfig config;
    private final Duration startup;
    private final Path home = ProjectHome.find();

    /**
     * @param tokens  a bearer token for a demo user's name
     * @param startup how long the stack took from start to healthy
     */
    public Benchmark(LocalStack stack, Function<String, String> tokens, Inventory inventory, BenchConfig config, Duration startup) {
        this.stack = stack;
        this.tokens = tokens;
        this.inventory = inventory;
        this.config = config;
        this.startup = startup;
    }

    /** Enough to keep every service busy while the JIT compiles, not so many that requests time out. */
    private static final int WARM_UP_IN_FLIGHT = 32;

    /** Runs everything and returns the path of result.json. */
    public Path run() throws Exception {
        Requests gateway = new Requests(stack.consoleUrl(), tokens, config.requestTimeout());
        List<Baselines.Measured> baselines = new ArrayList<>();
        List<StepStats> steps = new ArrayList<>();
        Map<String, Processes.Resident> idle = Processes.resident(stack.pids());
        try (LoadClient client = new LoadClient(config.requestTimeout());
             PropagationProbe probe = new PropagationProbe(gateway, inventory.probes())) {
            Traffic traffic = new Traffic(inventory, gateway);
            if (!config.warmup().isZero()) {
                log("warm-up: %d s of the mix, %d under way, not counted", config.warmup().toSeconds(), WARM_UP_IN_FLIGHT);
                client.run(new StepStats("warm-up", 0), traffic, 0, config.warmup(), WARM_UP_IN_FLIGHT);
            }
            baselines.addAll(baselines(client, gateway));
            probe.open();
            for (int rate : config.rates()) {
                steps.add(step(client, probe, traffic, rate, config.inFlightCap()));
            }
            steps.add(step(client, probe, traffic, 0, config.saturationInFlight()));
        }
        Map<String, Long> pids = stack.pids();
        Report.Run run = new Report.Run(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), git("rev-parse", "HEAD"), !git("status", "--porcelain").isBlank(),
                pids.containsKey("store") ? "embedded" : "mongodb", pids.containsKey("kafka") ? "embedded" : "external",
                startup.toMillis() / 1000.0, config, config.saturationInFlight());
        return new Report(run, steps, baselines, idle, Processes.resident(pids)).write(home);
    }

    private List<Baselines.Measured> baselines(LoadClient client, Requests gateway) throws Exception {
        Baselines baselines = new Baselines(config.baselineDuration(), config.baselineCallers());
        List<Baselines.Measured> measured = new ArrayList<>();
        log("baselines: Kafka, MongoDB, HTTP, %d callers for %d s each", config.baselineCallers(), config.baselineDuration().toSeconds());
        measured.add(baselines.kafka(stack.kafkaBootstrap()));
        measured.addAll(baselines.mongo(stack.mongoUri()));
        measured.add(baselines.http(client, "http-static", "GET / on the console (its page: no token, no store)",
                gateway.get(null, "/"), 200));
        // A routed GET refused before any store access (points=1 is out of range): the token check and the hop, nothing else.
        String trivial = "/api/batches/" + inventory.batchId() + "/stats/history?points=1";
        measured.add(baselines.http(client, "http-direct", "GET …/stats/history?points=1 on resolution-service directly (400)",
                gateway.at(stack.url(ServiceSpec.RESOLUTION)).get(Inventory.COORDINATOR, trivial), 400));
        measured.add(baselines.http(client, "http-gateway", "the same through the console's gateway (400)",
                gateway.get(Inventory.COORDINATOR, trivial), 400));
        measured.forEach(m -> log("  %s: %.0f/s, p50 %.2f ms, p99 %.2f ms, %d failed", m.name(), m.perSecond(),
                m.latency().getValueAtPercentile(50) / 1000.0, m.latency().getValueAtPercentile(99) / 1000.0, m.failures()));
        return measured;
    }

    /** One step, probed meanwhile, then the wait for the read side to catch up. @param rate commands/s, 0 for saturation */
    private StepStats step(LoadClient client, PropagationProbe probe, Traffic traffic, int rate, int inFlight) throws Exception {
        StepStats stats = new StepStats(rate > 0 ? rate + " commands/s" : "saturation", rate);
        log("step %s: %d s, at most %d under way", stats.name(), config.stepDuration().toSeconds(), inFlight);
        Map<String, Double> cpuBefore = Processes.cpuSeconds(stack.pids());
        long began = System.nanoTime();
        try (AutoCloseable probing = probe.during(stats, config.requestTimeout(), config.probeInterval())) {
            client.run(stats, traffic, rate / Mix.commandShare(), config.stepDuration(), inFlight);
        }
        stats.cores(Processes.cores(cpuBefore, Processes.cpuSeconds(stack.pids()), Duration.ofNanos(System.nanoTime() - began)));
        stats.catchUp(probe.catchUp(config.catchUpPatience()));
        log("  %.0f 2xx commands/s, %d commands not sent, commands p99 %.0f ms, outcomes %s / reads %s, caught up after %s s",
                stats.commandsOkPerSecond(), stats.shortfall(), stats.latency(true).getValueAtPercentile(99) / 1000.0,
                stats.outcomes(true), stats.outcomes(false), stats.catchUpSeconds().isPresent()
                        ? String.format(Locale.ROOT, "%.1f", stats.catchUpSeconds().getAsDouble()) : "more than " + config.catchUpPatience().toSeconds());
        return stats;
    }

    private String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Starts a new progress log with its first line, before the stack starts. */
    public static void beginLog(String first) throws IOException {
        Files.deleteIfExists(progressLog());
        log(first);
    }

    /** A line of progress, for {@code tail -f target/bench/progress.log} during the run. */
    public static void log(String format, Object... args) {
        String line = String.format(Locale.ROOT, "%s [bench] %s%n", Instant.now(), String.format(Locale.ROOT, format, args));
        System.out.print(line);
        try {
            Path log = progressLog();
            Files.createDirectories(log.getParent());
            Files.writeString(log, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // progress is a convenience; the results are written separately
        }
    }

    private static Path progressLog() {
        return ProjectHome.find().resolve("target").resolve("bench").resolve("progress.log");
    }
}
