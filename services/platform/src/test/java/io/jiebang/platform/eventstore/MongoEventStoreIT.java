package io.jiebang.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import io.jiebang.events.Actor;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.Priority;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.events.topic.TopicPosted;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.EmbeddedStore;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The event store on the wire store: a commit is one document, holding the change, its events, its key and its answer. */
class MongoEventStoreIT {

    static EmbeddedStore embedded;
    com.mongodb.reactivestreams.client.MongoDatabase database;
    MongoEventStore store;

    @BeforeAll
    static void start() {
        embedded = new EmbeddedStore();
    }

    @AfterAll
    static void stop() {
        embedded.close();
    }

    @BeforeEach
    void fresh() {
        database = embedded.freshDatabase();
        store = new MongoEventStore(database, "test");
        store.createIndexes().block();
    }

    @Test
    void aCommitKeepsItsEventsItsKeyAndItsAnswerInOneDocument() {
        EventEnvelope first = event("b1", 1);
        EventEnvelope second = event("b1", 2);
        store.append(new NewCommit("batch", "batch:b1", 1, List.of(), List.of(first, second), "cmd:u:k1", "fp",
                new Answer(201, "/api/batches/b1", "{\"id\":\"b1\"}"))).block();

        Document stored = Mono.from(database.getCollection(MongoEventStore.COLLECTION).find(Filters.eq("_id", "batch:b1:1")).first()).block();
        assertThat(stored.getList("events", Document.class)).hasSize(2);
        assertThat(stored.getString("dedupKey")).isEqualTo("cmd:u:k1");
        assertThat(stored.get("answer", Document.class).getString("location")).isEqualTo("/api/batches/b1");
        assertThat(stored.getBoolean("published")).isFalse();
        assertThat(store.load("batch:b1").block().events()).containsExactly(first, second);
        assertThat(store.answerFor("cmd:u:k1").block().answer().status()).isEqualTo(201);
    }

    @Test
    void theSecondWriterOfASequenceAndARepeatedKeyCollideAndChangeNothing() {
        store.append(commit("b2", 1, "cmd:u:k2")).block();
        assertThatThrownBy(() -> store.append(commit("b2", 1, null)).block()).isInstanceOf(DuplicateCommitException.class);
        assertThatThrownBy(() -> store.append(commit("b2", 2, "cmd:u:k2")).block()).isInstanceOf(DuplicateCommitException.class);
        assertThat(store.load("batch:b2").block().version()).isEqualTo(1);
        assertThat(Mono.from(database.getCollection(MongoEventStore.COLLECTION).countDocuments()).block()).isEqualTo(1);
    }

    @Test
    void pendingCommitsComeOldestFirstUntilMarkedPublished() {
        store.append(commit("b3", 1, null)).block();
        store.append(commit("b4", 1, null)).block();
        store.append(commit("b3", 2, null)).block();
        assertThat(store.pending(10).map(PendingCommit::commitId).collectList().block())
                .containsExactly("batch:b3:1", "batch:b4:1", "batch:b3:2");
        store.markPublished(List.of("batch:b3:1")).block();
        assertThat(store.pending(10).map(PendingCommit::commitId).collectList().block()).containsExactly("batch:b4:1", "batch:b3:2");
    }

    @Test
    void aCommitIsPublishedWithThePublicCopiesOfItsEventsButReadBackWithoutThem() {
        Actor staff = new Actor("u-street-01-a", "street-01", Actor.Role.STAFF);
        EventEnvelope drafted = EventEnvelope.wrap(new TopicPosted("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT,
                "草稿", "说明", "SW-01", "结果", Instant.parse("2026-05-01T00:00:00Z"), Priority.NORMAL, "某路",
                null, ClaimMode.FIRST_COME, 0), 1, Instant.parse("2026-03-01T00:00:00Z"), "/test", staff, "c", null);
        EventEnvelope published = EventEnvelope.wrap(new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT,
                "草稿", "SW-01", Instant.parse("2026-05-01T00:00:00Z"), ClaimMode.FIRST_COME, 0), 2,
                Instant.parse("2026-03-01T00:00:00Z"), "/test", staff, "c", null);

        PendingCommit pending = store.append(new NewCommit("topic", "topic:t1", 1, List.of(), List.of(drafted, published),
                null, null, null)).block();

        assertThat(pending.events()).extracting(PendingCommit.OutgoingEvent::kafkaTopic)
                .containsExactly("jiebang.topics", "jiebang.topics", "jiebang.public.topics");
        PendingCommit.OutgoingEvent copy = pending.events().get(2);
        assertThat(copy.eventId()).isEqualTo(published.eventId());
        assertThat(copy.key()).isEqualTo("t1");
        assertThat(copy.json()).doesNotContain("u-street-01-a").contains("street-01");
        assertThat(store.pending(10).blockFirst().events()).isEqualTo(pending.events());
        assertThat(store.load("topic:t1").block().events()).containsExactly(drafted, published);
    }

    private static NewCommit commit(String id, long seq, String dedupKey) {
        return new NewCommit("batch", "batch:" + id, seq, List.of(), List.of(event(id, seq)), dedupKey, null, null);
    }

    private static EventEnvelope event(String batchId, long seq) {
        return EventEnvelope.wrap(new BatchOpened(batchId), seq, Instant.parse("2026-03-01T00:00:00Z"), "/test",
                Actor.SYSTEM, "c", null);
    }
}
