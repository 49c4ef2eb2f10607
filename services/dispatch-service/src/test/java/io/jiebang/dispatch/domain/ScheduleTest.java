package io.jiebang.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.dispatch.EscalationRaised.Reason;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    final Schedule weekly = new Schedule(Duration.ofDays(7), Duration.ofDays(3));
    final Instant start = Instant.parse("2026-03-01T00:00:00Z");
    final Instant due = start.plus(Duration.ofDays(10));

    @Test
    void levelsRiseWithSilenceAndLateness() {
        assertThat(weekly.levelAt(start.plus(Duration.ofDays(6)), start, due).level()).isZero();
        assertThat(weekly.levelAt(start.plus(Duration.ofDays(7)), start, due)).isEqualTo(new Schedule.Level(1, Reason.MISSED_PERIOD));
        assertThat(weekly.levelAt(due.plusSeconds(1), start, due)).isEqualTo(new Schedule.Level(2, Reason.PAST_DUE));
        assertThat(weekly.levelAt(start.plus(Duration.ofDays(14)), start, due.plus(Duration.ofDays(30))))
                .isEqualTo(new Schedule.Level(2, Reason.MISSED_TWO_PERIODS));
        assertThat(weekly.levelAt(due.plus(Duration.ofDays(3)).plusSeconds(1), start, due))
                .isEqualTo(new Schedule.Level(3, Reason.OVERDUE_BEYOND_GRACE));
    }

    @Test
    void aReportAfterTheDueDateCountsUntilTheNextPeriod() {
        Instant lateReport = due.plus(Duration.ofDays(1));
        assertThat(weekly.levelAt(lateReport.plus(Duration.ofDays(1)), lateReport, due).level()).isZero();
        assertThat(weekly.levelAt(lateReport.plus(Duration.ofDays(7)), lateReport, due).level()).isEqualTo(3);
    }
}
