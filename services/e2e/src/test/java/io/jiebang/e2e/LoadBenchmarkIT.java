package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.e2e.bench.BenchConfig;
import io.jiebang.e2e.bench.Benchmark;
import io.jiebang.e2e.bench.Inventory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code make bench}: the whole stack as separate processes under an open-loop load of the board's mix of
 * commands and reads, step by step up to saturation, beside baselines of the broker, the store and plain HTTP
 * from the same run. Figures, not assertions: they go to target/bench/result.json and result.md, and the method
 * is described in docs/performance.md.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true",
        disabledReason = "make bench runs it (-Dbench=true): about ten minutes of load that needs the whole machine")
class LoadBenchmarkIT {

    @Test
    void theBoardsMixThroughTheGatewayUpToSaturation() throws Exception {
        Benchmark.beginLog("starting the stack (broker, store, five services)");
        Api api = RunningStack.api();
        Inventory inventory = new BenchSeed(api).prepare();
        Path result = new Benchmark(RunningStack.get(), api::token, inventory, BenchConfig.fromSystemProperties(),
                RunningStack.startup()).run();
        assertThat(result).exists();
    }
}
