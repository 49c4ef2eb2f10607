package io.jiebang.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.dispatch.ReportingPeriodClosed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchRulesTest {

    static final Instant OPENS = Instant.parse("2026-03-02T00:00:00Z");
    static final BatchRules.Counted NOTHING = new BatchRules.Counted(OPENS, List.of(), List.of(), List.of());

    final BatchRules batch = new BatchRules("b1");
    int sequence;

    BatchRulesTest() {
        record(new BatchCreated("b1", "第一批", OPENS, OPENS.plus(Duration.ofDays(10)), OPENS.plus(Duration.ofDays(60)), 7));
    }

    @Test
    void eachWeeklyPeriodClosesOnceFromTheBatchOpening() {
        assertThat(batch.sets()).containsExactly(BatchRules.REPORTING);
        assertThat(batch.closePeriod(OPENS.plus(Duration.ofDays(7)).minusSeconds(1), NOTHING)).isEmpty();

        Instant firstEnd = OPENS.plus(Duration.ofDays(7));
        List<DomainEvent> first = batch.closePeriod(firstEnd.plusSeconds(30), NOTHING);
        assertThat(first).singleElement().isInstanceOfSatisfying(ReportingPeriodClosed.class, closed -> {
            assertThat(closed.period()).isEqualTo(1);
            assertThat(closed.periodStart()).isEqualTo(OPENS);
            assertThat(closed.periodEnd()).isEqualTo(firstEnd);
        });
        first.forEach(this::record);
        assertThat(batch.closePeriod(firstEnd.plus(Duration.ofDays(6)), NOTHING)).as("once").isEmpty();
    }

    @Test
    void periodsFoundLateCloseAsTheLatestAlone() {
        List<DomainEvent> late = batch.closePeriod(OPENS.plus(Duration.ofDays(22)), NOTHING);
        assertThat(late).singleElement().extracting(e -> ((ReportingPeriodClosed) e).period()).isEqualTo(3);
        late.forEach(this::record);
        assertThat(batch.periodToClose(OPENS.plus(Duration.ofDays(27)))).isEmpty();
        assertThat(batch.periodToClose(OPENS.plus(Duration.ofDays(28)))).contains(4);
    }

    @Test
    void aClosedBatchHasNoMoreDigests() {
        record(new BatchClosed("b1"));
        assertThat(batch.sets()).isEmpty();
        assertThat(batch.closePeriod(OPENS.plus(Duration.ofDays(8)), NOTHING)).isEmpty();
    }

    @Test
    void nothingClosesBeforeTheBatchOpens() {
        assertThat(batch.periodToClose(OPENS.minus(Duration.ofDays(30)))).isEmpty();
        assertThat(new BatchRules("unknown").periodToClose(OPENS.plus(Duration.ofDays(30)))).isEmpty();
    }

    private void record(DomainEvent event) {
        batch.apply(EventEnvelope.wrap(event, ++sequence, OPENS, "/jiebang/test", null, "c", null));
    }
}
