package io.jiebang.console.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.jiebang.console.persistence.MongoDigests;
import io.jiebang.console.persistence.MongoReadModel;
import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.dispatch.EscalationRaised;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.testsupport.LocalInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.SimpleReactiveMongoDatabaseFactory;

/** The board's gauges count topics by state, escalation level and overdue from the list index, as the board shows them. */
class BoardGaugesIT {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path dataDir;
    MongoClient client = MongoClients.create(LocalInfrastructure.get().mongoUri());
    MongoReadModel readModel;
    BoardGauges gauges;

    @AfterEach
    void close() {
        if (gauges != null) {
            gauges.stop();
        }
        readModel.close();
        client.close();
    }

    @Test
    void topicsAreCountedByStateEscalationAndDueDate() {
        SimpleReactiveMongoDatabaseFactory database = new SimpleReactiveMongoDatabaseFactory(client, "gauges-" + UUID.randomUUID());
        readModel = new MongoReadModel(database, dataDir.toString(), "console");
        BoardProjection projection = Projections.board(readModel, new SilentBoardChanges(), new MongoDigests(database), database);
        for (String topicId : List.of("open", "late", "escalated")) {
            projection.handle(event("/jiebang/topic-service", T0, new TopicPublished(topicId, "b1", "street-01",
                    Direction.STREET_TO_DEPARTMENT, "题 " + topicId, "SW-01", T0.plus(DAY.multipliedBy(topicId.equals("late") ? 10 : 60)),
                    ClaimMode.FIRST_COME, 0))).block();
        }
        for (String topicId : List.of("late", "escalated")) {
            projection.handle(event("/jiebang/claim-service", T0.plus(DAY), new ClaimAwarded(topicId, 1, "c-" + topicId,
                    "dept-01", List.of(), T0.plus(DAY.multipliedBy(9)), true, ClaimAwarded.AwardedBy.FIRST_COME))).block();
        }
        projection.handle(event("/jiebang/dispatch-service", T0.plus(DAY.multipliedBy(8)), new EscalationRaised("escalated", 1,
                "e-1", "b1", "dept-01", 2, EscalationRaised.Reason.MISSED_TWO_PERIODS, T0))).block();

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        gauges = new BoardGauges(readModel, Clock.fixed(T0.plus(DAY.multipliedBy(20)), ZoneOffset.UTC), meters, Duration.ofMillis(100));
        gauges.start();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(meters.get("jiebang.board.topics").tag("status", "OPEN").gauge().value()).isEqualTo(1);
            assertThat(meters.get("jiebang.board.topics").tag("status", "AWARDED").gauge().value()).isEqualTo(2);
            assertThat(meters.get("jiebang.board.topics").tag("status", "CLOSED").gauge().value()).isZero();
            assertThat(meters.get("jiebang.board.escalated").tag("level", "2").gauge().value()).isEqualTo(1);
            assertThat(meters.get("jiebang.board.escalated").tag("level", "1").gauge().value()).isZero();
            assertThat(meters.get("jiebang.board.overdue").gauge().value()).isEqualTo(1);
        });
    }

    private static EventEnvelope event(String source, Instant at, DomainEvent data) {
        return EventEnvelope.wrap(data, 1, at, source, new Actor("dept-01", "dept-01", Actor.Role.STAFF), "c", null);
    }
}
