package io.jiebang.e2e.bench;

import io.jiebang.devstack.ProjectHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code make bench} does, from system properties ({@code make bench BENCH_ARGS='-Dbench.rates=100,200'}).
 * The defaults keep the whole run under about ten minutes on two cores, however slow the stack is: a step
 * never waits longer than its duration plus one request timeout, and then the catch-up patience.
 *
 * @param rates              commands per second of each constant-rate step
 * @param stepDuration       how long each step sends, the saturation step included
 * @param inFlightCap        requests under way at most in a constant-rate step; beyond it sending waits, and what the
 *                           step could not send by its end is the shortfall
 * @param saturationInFlight requests under way in the saturation step, which sends whenever one is answered
 * @param requestTimeout     a request unanswered this long counts as a timeout
 * @param probeInterval      pause between two propagation probes
 * @param catchUpPatience    how long to wait after a step for the read side to show a new command
 * @param baselineDuration   how long each baseline runs
 * @param baselineCallers    concurrent callers of each baseline
 * @param before             a previous result.json to show beside this run (relative to the project), or null
 * @param writeDocs          whether to rewrite the marked section of docs/performance.md
 * @param warmup             the mix, not counted, before anything is measured: the JIT compiles the hot paths
 */
public record BenchConfig(Duration warmup, List<Integer> rates, Duration stepDuration, int inFlightCap, int saturationInFlight,
                          Duration requestTimeout, Duration probeInterval, Duration catchUpPatience,
                          Duration baselineDuration, int baselineCallers, Path before, boolean writeDocs) {

    public static BenchConfig fromSystemProperties() {
        String before = System.getProperty("bench.before", "");
        return new BenchConfig(
                seconds("bench.warmupSeconds", 60),
                Arrays.stream(System.getProperty("bench.rates", "250,500,1000,2000").split(","))
                        .map(String::trim).map(Integer::valueOf).toList(),
                seconds("bench.stepSeconds", 20),
                Integer.getInteger("bench.inFlight", 2000),
                Integer.getInteger("bench.saturationInFlight", 256),
                seconds("bench.timeoutSeconds", 10),
                Duration.ofMillis(Long.getLong("bench.probeIntervalMillis", 100)),
                seconds("bench.catchUpSeconds", 15),
                seconds("bench.baselineSeconds", 5),
                Integer.getInteger("bench.baselineCallers", 16),
                before.isBlank() ? null : ProjectHome.find().resolve(before),
                Boolean.getBoolean("bench.docs"));
    }

    private static Duration seconds(String property, long fallback) {
        return Duration.ofSeconds(Long.getLong(property, fallback));
    }
}
