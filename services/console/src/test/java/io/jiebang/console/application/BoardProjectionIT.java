package io.jiebang.console.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.jiebang.console.readmodel.TopicBoard;
import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.console.persistence.MongoDigests;
import io.jiebang.console.persistence.MongoReadModel;
import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.testsupport.LocalInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.SimpleReactiveMongoDatabaseFactory;
import reactor.core.publisher.Mono;

/** The board applies each event to the stored view, pages the timeline, ignores redeliveries and refolds for late events. */
class BoardProjectionIT {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static MongoClient client;

    final List<EventEnvelope> delivered = new ArrayList<>();
    MongoReadModel readModel;
    BoardProjection projection;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(LocalInfrastructure.get().mongoUri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @TempDir
    Path dataDir;
    final String database = "board-" + UUID.randomUUID();

    @BeforeEach
    void open() {
        readModel = new MongoReadModel(new SimpleReactiveMongoDatabaseFactory(client, database), dataDir.toString(), "console");
        projection = Projections.board(readModel, new SilentBoardChanges(),
                new MongoDigests(new SimpleReactiveMongoDatabaseFactory(client, database)), new SimpleReactiveMongoDatabaseFactory(client, database));
    }

    @AfterEach
    void close() {
        readModel.close();
    }

    @Test
    void viewsStoredByAnOlderVersionAreReadWithTheirNewFieldsDefaulted() {
        // An organisation and a batch as the board stored them before retirement and districts existed.
        MongoDatabase db = client.getDatabase(database);
        Mono.from(db.getCollection("orgs").insertOne(new Document("_id", "street-01").append("sequence", 1L)
                .append("view", new Document("id", "street-01").append("name", "一街").append("kind", "STREET")))).block();
        Mono.from(db.getCollection("batches").insertOne(new Document("_id", "b-old").append("revision", 1L)
                .append("view", new Document("id", "b-old").append("name", "旧批次").append("state", "OPEN")))).block();

        assertThat(readModel.orgs().collectList().block()).singleElement().satisfies(org -> {
            assertThat(org.retired()).isFalse();
            assertThat(org.district()).isEqualTo("d1");
        });
        assertThat(readModel.batches().collectList().block()).singleElement()
                .satisfies(batch -> assertThat(batch.district()).isEqualTo("d1"));
    }

    @Test
    void theListFiltersPagesAndCountsAndSurvivesARestartWithoutItsIndex() throws Exception {
        for (int i = 0; i < 5; i++) {
            String topicId = "list-" + i;
            deliver(event("/jiebang/topic-service", 1, T0.plusSeconds(i), new TopicPublished(topicId, i < 3 ? "b1" : "b2",
                    "street-0" + i, Direction.STREET_TO_DEPARTMENT, i == 4 ? "Street Lights 路灯" : "电梯 " + i, "SW-01",
                    T0.plusSeconds(86400 * 30), ClaimMode.FIRST_COME, 0)));
        }
        deliver(event("/jiebang/claim-service", 1, T0.plusSeconds(60), new ClaimAwarded("list-1", 1, "c1", "dept-07",
                List.of(), T0.plusSeconds(86400 * 20), true, ClaimAwarded.AwardedBy.FIRST_COME)));

        assertThat(ids(query("b1", null, null, null, 0, 10))).containsExactly("list-1", "list-2", "list-0");
        assertThat(readModel.topics(query("b1", null, null, null, 0, 2)).block().total()).isEqualTo(3);
        assertThat(ids(query("b1", null, null, null, 1, 2))).containsExactly("list-0");
        assertThat(ids(query(null, TopicStatus.AWARDED, null, null, 0, 10))).containsExactly("list-1");
        assertThat(ids(query(null, null, "dept-07", null, 0, 10))).containsExactly("list-1");
        assertThat(ids(query(null, null, null, "street lights", 0, 10))).containsExactly("list-4");
        assertThat(ids(query(null, null, null, "*", 0, 10))).isEmpty();

        readModel.close();
        Files.delete(dataDir.resolve("console/topic-index/closed-cleanly"));
        Files.walk(dataDir.resolve("console/topic-index/index")).sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        open();
        assertThat(ids(query(null, null, null, null, 0, 10))).containsExactly("list-1", "list-4", "list-3", "list-2", "list-0");
    }

    private List<String> ids(TopicQuery query) {
        return readModel.topics(query).block().items().stream().map(TopicView::id).toList();
    }

    private static TopicQuery query(String batch, TopicStatus status, String org, String text, int page, int size) {
        return new TopicQuery(batch, status, null, org, null, text, page, size);
    }

    @Test
    void aLongHistoryIsPagedAndARedeliveryChangesNothing() {
        publishedAndAwarded("t1");
        int reports = TopicRecord.PAGE * 2 + 7;
        for (int i = 1; i <= reports; i++) {
            deliver(event("/jiebang/dispatch-service", i, T0.plusSeconds(100 + i), new ProgressReported("t1", 1, "p" + i, "dept-01", i % 100, "r" + i, null)));
        }
        TopicView before = readModel.topic("t1").block();
        projection.handle(delivered.get(delivered.size() - 1)).block();
        projection.handle(delivered.get(5)).block();

        TopicView after = readModel.topic("t1").block();
        assertThat(after.progress().reports()).isEqualTo(reports);
        assertThat(after).isEqualTo(before);
        assertThat(readModel.topicRecord("t1").block().pages()).isEqualTo(2);
        TopicView folded = TopicBoard.fold("t1", delivered);
        assertThat(readModel.wholeTopic("t1").block().timeline()).hasSize(reports + 2).isEqualTo(folded.timeline());
        // The page shows the last full page and the tail, and how long the whole timeline is.
        int shown = TopicRecord.PAGE + (reports + 2) % TopicRecord.PAGE;
        assertThat(after).isEqualTo(folded.withTimeline(folded.timeline().subList(reports + 2 - shown, reports + 2), reports + 2));
    }

    @Test
    void anEventThatHappenedEarlierButArrivesLaterRefoldsTheTopic() {
        EventEnvelope published = event("/jiebang/topic-service", 1, T0, new TopicPublished("t2", "b1", "street-01",
                Direction.STREET_TO_DEPARTMENT, "路灯", "SW-01", T0.plusSeconds(86400 * 30), ClaimMode.FIRST_COME, 0));
        EventEnvelope awarded = event("/jiebang/claim-service", 1, T0.plusSeconds(10), new ClaimAwarded("t2", 1, "c1",
                "dept-01", List.of(), T0.plusSeconds(86400 * 20), true, ClaimAwarded.AwardedBy.FIRST_COME));
        EventEnvelope progress = event("/jiebang/dispatch-service", 1, T0.plusSeconds(20),
                new ProgressReported("t2", 1, "p1", "dept-01", 30, "开工", null));
        deliver(published);
        deliver(progress);
        assertThat(readModel.topic("t2").block().status()).isEqualTo(TopicStatus.OPEN);

        deliver(awarded);
        TopicView view = readModel.topic("t2").block();
        assertThat(view.status()).isEqualTo(TopicStatus.IN_PROGRESS);
        assertThat(view.leadOrgId()).isEqualTo("dept-01");
        assertThat(view).isEqualTo(TopicBoard.fold("t2", delivered));
    }

    @Test
    void aPollIsAppliedTopicByTopicAsOneEventAtATimeWouldBe() {
        List<EventEnvelope> poll = new ArrayList<>();
        for (String topicId : List.of("p1", "p2")) {
            poll.add(event("/jiebang/topic-service", 1, T0, new TopicPublished(topicId, "b1", "street-01",
                    Direction.STREET_TO_DEPARTMENT, "加装电梯", "SW-01", T0.plusSeconds(86400 * 30), ClaimMode.FIRST_COME, 0)));
        }
        poll.add(event("/jiebang/claim-service", 1, T0.plusSeconds(10), new ClaimAwarded("p1", 1, "c1", "dept-01", List.of(),
                T0.plusSeconds(86400 * 20), true, ClaimAwarded.AwardedBy.FIRST_COME)));
        // More than a page of reports on p1 in one poll, one of them delivered twice.
        int reports = TopicRecord.PAGE + 5;
        for (int i = 1; i <= reports; i++) {
            poll.add(event("/jiebang/dispatch-service", i, T0.plusSeconds(100 + i), new ProgressReported("p1", 1, "p" + i, "dept-01", i, "r" + i, null)));
        }
        poll.add(poll.get(poll.size() - 3));
        // p2: a report, then the award it followed, delivered late by another Kafka topic, then one more report.
        poll.add(event("/jiebang/dispatch-service", 1, T0.plusSeconds(30), new ProgressReported("p2", 1, "q1", "dept-02", 10, "开工", null)));
        poll.add(event("/jiebang/claim-service", 1, T0.plusSeconds(20), new ClaimAwarded("p2", 1, "c2", "dept-02", List.of(),
                T0.plusSeconds(86400 * 20), true, ClaimAwarded.AwardedBy.FIRST_COME)));
        poll.add(event("/jiebang/dispatch-service", 2, T0.plusSeconds(40), new ProgressReported("p2", 1, "q2", "dept-02", 20, "过半", null)));

        projection.handleAll(poll).block();

        for (String topicId : List.of("p1", "p2")) {
            List<EventEnvelope> once = poll.stream().distinct()
                    .filter(e -> ((io.jiebang.events.TopicEvent) e.data()).topicId().equals(topicId)).toList();
            TopicView folded = TopicBoard.fold(topicId, once);
            assertThat(readModel.wholeTopic(topicId).block().timeline()).as(topicId).isEqualTo(folded.timeline());
            assertThat(readModel.topic(topicId).block().withoutTimeline()).as(topicId).isEqualTo(folded.withoutTimeline());
        }
        assertThat(readModel.topicRecord("p1").block().pages()).isEqualTo(1);
        assertThat(readModel.topic("p2").block().status()).isEqualTo(TopicStatus.IN_PROGRESS);
        assertThat(readModel.topic("p2").block().progressPercent()).isEqualTo(20);
    }

    private void publishedAndAwarded(String topicId) {
        deliver(event("/jiebang/topic-service", 1, T0, new TopicPublished(topicId, "b1", "street-01",
                Direction.STREET_TO_DEPARTMENT, "加装电梯", "SW-01", T0.plusSeconds(86400 * 30), ClaimMode.FIRST_COME, 0)));
        deliver(event("/jiebang/claim-service", 1, T0.plusSeconds(10), new ClaimAwarded(topicId, 1, "c1", "dept-01", List.of(),
                T0.plusSeconds(86400 * 20), true, ClaimAwarded.AwardedBy.FIRST_COME)));
    }

    private void deliver(EventEnvelope event) {
        delivered.add(event);
        projection.handle(event).block();
    }

    private static EventEnvelope event(String source, long sequence, Instant at, DomainEvent data) {
        return EventEnvelope.wrap(data, sequence, at, source, new Actor("dept-01", "dept-01", Actor.Role.STAFF), "c", null);
    }
}
