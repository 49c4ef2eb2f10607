package io.jiebang.resolution.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.resolution.LeaderboardRecorded;
import io.jiebang.events.resolution.Standing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchEvaluationTest {

    static final Instant OPENS = Instant.parse("2026-03-02T00:00:00Z");
    static final List<Standing> BOARD = List.of(new Standing(1, "dept-01", 20, 10, 5, 5, 1, 0, 1, 1, 0, 0));

    final BatchEvaluation batch = new BatchEvaluation("b1");
    int sequence;

    BatchEvaluationTest() {
        record(new BatchCreated("b1", "第一批", OPENS, OPENS.plus(Duration.ofDays(10)), OPENS.plus(Duration.ofDays(60)), 7));
    }

    @Test
    void theLeaderboardIsRecordedOncePerEndedPeriodNumberedAsDispatchNumbersThem() {
        assertThat(batch.recordLeaderboard(OPENS.plus(Duration.ofDays(6)), BOARD)).isEmpty();
        Instant later = OPENS.plus(Duration.ofDays(15));
        List<DomainEvent> recorded = batch.recordLeaderboard(later, BOARD);
        assertThat(recorded).singleElement().isEqualTo(new LeaderboardRecorded("b1", 2, OPENS.plus(Duration.ofDays(14)), later, BOARD));
        recorded.forEach(this::record);
        assertThat(batch.recordLeaderboard(later.plusSeconds(60), BOARD)).as("once").isEmpty();
        assertThat(batch.periodToRecord(OPENS.plus(Duration.ofDays(21)))).contains(3);
    }

    @Test
    void aClosedBatchRecordsNoMore() {
        assertThat(batch.sets()).containsExactly(BatchEvaluation.REPORTING);
        record(new BatchClosed("b1"));
        assertThat(batch.sets()).isEmpty();
        assertThat(batch.recordLeaderboard(OPENS.plus(Duration.ofDays(8)), BOARD)).isEmpty();
    }

    private void record(DomainEvent event) {
        batch.apply(EventEnvelope.wrap(event, ++sequence, OPENS, "/jiebang/test", null, "c", null));
    }
}
