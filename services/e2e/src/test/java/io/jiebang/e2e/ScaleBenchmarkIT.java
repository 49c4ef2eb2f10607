package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.LocalStack;
import io.jiebang.e2e.bench.Benchmark;
import io.jiebang.e2e.bench.ScaleBenchmark;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code make bench-scale}: the read model built from Kafka with a country's worth of topics, and the reads it
 * then serves. Figures, not assertions: target/bench/scale.json and scale.md, described in docs/performance.md.
 */
@EnabledIfSystemProperty(named = "bench.scale", matches = "true",
        disabledReason = "make bench-scale runs it (-Dbench.scale=true): a million topics take the whole machine for hours on the embedded store")
class ScaleBenchmarkIT {

    @Test
    void theBoardWithAMillionTopics() throws Exception {
        Benchmark.beginLog("scale: starting the broker and the store");
        LocalStack.Options options = new LocalStack.Options().temporaryData("jiebang-scale-").freePorts();
        // The demo accounts, to sign in with; the organisations are the generated ones.
        options.demo();
        try (LocalStack stack = LocalStack.create(options)) {
            Api api = new Api(stack.consoleUrl(), stack);
            Path result = new ScaleBenchmark(stack).run(api::token);
            assertThat(result).exists();
        }
    }
}
