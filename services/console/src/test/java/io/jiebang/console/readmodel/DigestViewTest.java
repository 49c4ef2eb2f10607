package io.jiebang.console.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.dispatch.ReportingPeriodClosed;
import io.jiebang.events.resolution.LeaderboardRecorded;
import io.jiebang.events.resolution.Standing;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A digest is made of two parts that may come in either order, each recorded once. */
class DigestViewTest {

    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-03-08T00:00:00Z");

    static ReportingPeriodClosed closed(int period, int overdue) {
        return new ReportingPeriodClosed("b1", period, START, END, END.plusSeconds(60),
                List.of(new ReportingPeriodClosed.OrganisationProgress("dept-01", 2, 1, 0, 40, 3, overdue, 0)),
                List.of(new ReportingPeriodClosed.TopicLine("t1", "路灯", "dept-01", END.minusSeconds(3600), 40, START, 1)),
                List.of());
    }

    static LeaderboardRecorded leaderboard(int period, double score) {
        return new LeaderboardRecorded("b1", period, END, END.plusSeconds(90),
                List.of(new Standing(1, "dept-01", score, 40, 30, 20, 2, 1, 1, 1, 0, 0)));
    }

    @Test
    void eachEventRecordsItsOwnPartOnly() {
        DigestView dispatch = DigestView.part(closed(1, 1)).orElseThrow();
        assertThat(dispatch.id()).isEqualTo("b1:1");
        assertThat(dispatch.periodStart()).isEqualTo(START);
        assertThat(dispatch.periodEnd()).isEqualTo(END);
        assertThat(dispatch.dispatch().countedAt()).isEqualTo(END.plusSeconds(60));
        assertThat(dispatch.dispatch().organisations()).extracting(ReportingPeriodClosed.OrganisationProgress::orgId).containsExactly("dept-01");
        assertThat(dispatch.dispatch().overdue()).hasSize(1);
        assertThat(dispatch.leaderboard()).isNull();
        assertThat(dispatch.summary()).isEqualTo(new DigestView.Summary("b1", 1, START, END, true, false));

        DigestView standings = DigestView.part(leaderboard(1, 90)).orElseThrow();
        assertThat(standings.periodStart()).as("only dispatch knows the start").isNull();
        assertThat(standings.dispatch()).isNull();
        assertThat(standings.leaderboard().entries()).extracting(Standing::orgId).containsExactly("dept-01");
        assertThat(standings.summary()).isEqualTo(new DigestView.Summary("b1", 1, null, END, false, true));
    }

    @Test
    void otherEventsAreNoDigests() {
        assertThat(DigestView.part(new BatchCreated("b1", "第一批", START, END, END.plusSeconds(86400), 7))).isEmpty();
    }
}
