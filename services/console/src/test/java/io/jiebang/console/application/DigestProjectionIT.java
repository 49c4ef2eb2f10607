package io.jiebang.console.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.jiebang.console.persistence.MongoDigests;
import io.jiebang.console.persistence.MongoReadModel;
import io.jiebang.console.readmodel.DigestView;
import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.dispatch.ReportingPeriodClosed;
import io.jiebang.events.resolution.LeaderboardRecorded;
import io.jiebang.events.resolution.Standing;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.testsupport.LocalInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.SimpleReactiveMongoDatabaseFactory;
import reactor.core.publisher.Flux;

/**
 * The digests of reporting periods in the real store, through the board's projection: the two parts in either order,
 * beside the board's own events in one poll, each part recorded once whoever writes it and however often.
 */
class DigestProjectionIT {

    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant END = START.plus(Duration.ofDays(7));
    static MongoClient client;

    @TempDir
    Path dataDir;
    final String database = "digests-" + UUID.randomUUID();
    MongoReadModel readModel;
    MongoDigests digests;
    BoardProjection projection;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(LocalInfrastructure.get().mongoUri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void open() {
        SimpleReactiveMongoDatabaseFactory store = new SimpleReactiveMongoDatabaseFactory(client, database);
        readModel = new MongoReadModel(store, dataDir.toString(), "console");
        digests = new MongoDigests(store);
        projection = Projections.board(readModel, new SilentBoardChanges(), digests, store);
    }

    @AfterEach
    void close() {
        readModel.close();
    }

    @Test
    void aPollWithBoardEventsAndBothPartsRecordsEachWhereItBelongs() {
        EventEnvelope leaderboard = event(leaderboard(1, 88.5));
        EventEnvelope closed = event(closed(1, 2));
        projection.handleAll(List.of(event(new BatchCreated("b1", "第一批", START, END, END.plus(Duration.ofDays(60)), 7)),
                leaderboard, event(new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "路灯", "SW-01",
                        END, ClaimMode.FIRST_COME, 0)), closed, event(closed(2, 0)))).block();

        assertThat(readModel.batch("b1").block()).as("a digest is not a batch event").isNotNull();
        assertThat(readModel.topic("t1").block().status()).isEqualTo(TopicStatus.OPEN);
        DigestView first = digests.digest("b1", 1).block();
        assertThat(first).isEqualTo(whole(DigestView.part(closed.data()).orElseThrow(), DigestView.part(leaderboard.data()).orElseThrow()));
        assertThat(digests.digests("b1").map(DigestView::summary).collectList().block()).containsExactly(
                new DigestView.Summary("b1", 2, START.plus(Duration.ofDays(7)), END.plus(Duration.ofDays(7)), true, false),
                new DigestView.Summary("b1", 1, START, END, true, true));
        assertThat(digests.digests("b2").collectList().block()).isEmpty();
        assertThat(digests.digest("b1", 3).blockOptional()).isEmpty();
    }

    @Test
    void aRedeliveryOrASecondRecordingChangesNothing() {
        EventEnvelope closed = event(closed(1, 2));
        projection.handle(closed).block();
        projection.handle(event(leaderboard(1, 88.5))).block();
        DigestView recorded = digests.digest("b1", 1).block();

        projection.handle(closed).block();
        projection.handleAll(List.of(event(closed(1, 9)), event(leaderboard(1, 1.5)), closed)).block();

        assertThat(digests.digest("b1", 1).block()).isEqualTo(recorded);
        assertThat(digests.record(DigestView.part(closed.data()).orElseThrow()).block()).isFalse();
    }

    @Test
    void twoInstancesRecordingBothPartsAtOnceKeepBoth() {
        MongoDigests other = new MongoDigests(new SimpleReactiveMongoDatabaseFactory(client, database));
        for (int period = 1; period <= 20; period++) {
            DigestView dispatch = DigestView.part(closed(period, period)).orElseThrow();
            DigestView standings = DigestView.part(leaderboard(period, period)).orElseThrow();
            List<Boolean> changed = Flux.merge(digests.record(dispatch), other.record(standings), other.record(dispatch),
                    digests.record(standings)).collectList().block();
            assertThat(changed).as("period %s", period).containsExactlyInAnyOrder(true, true, false, false);
            assertThat(digests.digest("b1", period).block()).isEqualTo(whole(dispatch, standings));
        }
    }

    /** The digest both parts make: dispatch's dates and part, resolution's leaderboard. */
    static DigestView whole(DigestView dispatch, DigestView standings) {
        return new DigestView(dispatch.batchId(), dispatch.period(), dispatch.periodStart(), dispatch.periodEnd(),
                dispatch.dispatch(), standings.leaderboard());
    }

    static ReportingPeriodClosed closed(int period, int overdue) {
        Instant start = START.plus(Duration.ofDays(7L * (period - 1)));
        return new ReportingPeriodClosed("b1", period, start, start.plus(Duration.ofDays(7)), start.plus(Duration.ofDays(7)),
                List.of(new ReportingPeriodClosed.OrganisationProgress("dept-01", 2, 1, 0, 40, 3, overdue, 0),
                        new ReportingPeriodClosed.OrganisationProgress("dept-02", 1, 0, 1, null, 0, 0, 1)),
                List.of(new ReportingPeriodClosed.TopicLine("t1", "路灯", "dept-01", start, null, start, 2)),
                List.of(new ReportingPeriodClosed.TopicLine("t2", "加装电梯", "dept-02", start, 50, start, 3)));
    }

    static LeaderboardRecorded leaderboard(int period, double score) {
        Instant end = START.plus(Duration.ofDays(7L * period));
        return new LeaderboardRecorded("b1", period, end, end.plusSeconds(5),
                List.of(new Standing(1, "dept-01", score, 40, 30, 18.5, 2, 1, 1, 1, 0, 1),
                        new Standing(2, "dept-02", 10, 5, 5, 0, 1, 0, 0, 0, 1, 0)));
    }

    private static EventEnvelope event(DomainEvent data) {
        return EventEnvelope.wrap(data, 1, START, "/jiebang/test", Actor.SYSTEM, UUID.randomUUID().toString(), null);
    }
}
