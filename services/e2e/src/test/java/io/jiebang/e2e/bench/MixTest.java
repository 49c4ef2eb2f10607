package io.jiebang.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.e2e.bench.Mix.Operation;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MixTest {

    @Test
    void everyHundredRequestsFollowTheWeights() {
        Mix mix = new Mix();
        Map<Operation, Integer> drawn = new EnumMap<>(Operation.class);
        for (int i = 0; i < 100; i++) {
            drawn.merge(mix.next(), 1, Integer::sum);
        }
        Arrays.stream(Operation.values()).forEach(op -> assertThat(drawn.getOrDefault(op, 0)).as(op.label()).isEqualTo(op.weight()));
    }

    @Test
    void readsOutnumberCommandsAndProgressReportsAreTheMostFrequentCommand() {
        assertThat(Mix.commandShare()).isLessThan(0.5);
        Arrays.stream(Operation.values()).filter(Operation::isCommand)
                .forEach(op -> assertThat(op.weight()).isLessThanOrEqualTo(Operation.REPORT_PROGRESS.weight()));
    }

    @Test
    void theProgressReportsAreSpreadNotBunched() {
        Mix mix = new Mix();
        int longestGap = 0;
        int gap = 0;
        for (int i = 0; i < 200; i++) {
            gap = mix.next() == Operation.REPORT_PROGRESS ? 0 : gap + 1;
            longestGap = Math.max(longestGap, gap);
        }
        assertThat(longestGap).isLessThanOrEqualTo(100 / Operation.REPORT_PROGRESS.weight() + 1);
    }
}
