package io.jiebang.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiebang.events.Actor;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.platform.EmbeddedStore;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.platform.eventstore.NewCommit;
import io.jiebang.platform.eventstore.Relayers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.bson.Document;
import reactor.core.publisher.Mono;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay retries until Kafka takes each event, never loses one, and keeps each stream's order; with several
 * instances, each commit is relayed by one of them, and those of an instance that is gone by one other.
 */
class OutboxRelayIT {

    static EmbeddedStore embedded;

    @BeforeAll
    static void start() {
        embedded = new EmbeddedStore();
    }

    @AfterAll
    static void stop() {
        embedded.close();
    }

    /** A broker that refuses every third send, as one coming and going would. */
    static final class FlakyBroker implements EventPublisher {
        final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public CompletableFuture<Void> send(String kafkaTopic, String key, String json) {
            if (isPublicCopy(kafkaTopic)) {
                return CompletableFuture.completedFuture(null);
            }
            if (attempts.incrementAndGet() % 3 == 0) {
                return CompletableFuture.failedFuture(new TimeoutException("broker unavailable"));
            }
            acknowledged.add(json);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** A broker that takes everything except records of the poisoned stream, which are too large. */
    static final class RecordTooLargeForOneStream implements EventPublisher {
        final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        final String poisonedKey;

        RecordTooLargeForOneStream(String poisonedKey) {
            this.poisonedKey = poisonedKey;
        }

        @Override
        public CompletableFuture<Void> send(String kafkaTopic, String key, String json) {
            if (isPublicCopy(kafkaTopic)) {
                return CompletableFuture.completedFuture(null);
            }
            if (key.equals(poisonedKey)) {
                return CompletableFuture.failedFuture(new RecordTooLargeException("too large"));
            }
            acknowledged.add(json);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void aCommitHandedOverAfterStartIsPublishedWithoutAStoreSearch() {
        MongoDatabase database = embedded.freshDatabase();
        MongoEventStore store = new MongoEventStore(database, "a");
        store.createIndexes().block();
        FlakyBroker broker = new FlakyBroker();
        OutboxRelay relay = new OutboxRelay(store, broker, relayers(database, "a"));
        relay.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.isRunning());
            EventEnvelope event = EventEnvelope.wrap(new BatchOpened("late"), 1, Instant.now(), "/test", Actor.SYSTEM, "c", null);
            relay.committed(store.append(new NewCommit("batch", "batch:late", 1, List.of(), List.of(event), null, null, null)).block());
            await().atMost(Duration.ofSeconds(30)).until(() -> store.pending(1).collectList().block().isEmpty());
            assertThat(broker.acknowledged).anyMatch(json -> json.contains(event.eventId()));
        } finally {
            relay.stop();
        }
    }

    @Test
    void aRecordKafkaNeverTakesIsDeadLetteredAndTheOthersGetThrough() {
        MongoDatabase database = embedded.freshDatabase();
        MongoEventStore store = new MongoEventStore(database, "a");
        store.createIndexes().block();
        List<String> healthy = new ArrayList<>();
        for (String stream : List.of("ok1", "poison", "ok2")) {
            EventEnvelope event = EventEnvelope.wrap(new BatchOpened(stream), 1, Instant.now(), "/test", Actor.SYSTEM, "c", null);
            store.append(new NewCommit("batch", "batch:" + stream, 1, List.of(), List.of(event), null, null, null)).block();
            if (!stream.equals("poison")) {
                healthy.add(event.eventId());
            }
        }
        RecordTooLargeForOneStream broker = new RecordTooLargeForOneStream("poison");
        OutboxRelay relay = new OutboxRelay(store, broker, relayers(database, "a"));
        relay.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> store.pending(1).collectList().block().isEmpty());
        } finally {
            relay.stop();
        }
        assertThat(broker.acknowledged).hasSize(2).allMatch(json -> healthy.stream().anyMatch(json::contains));
        assertThat(relay.deadLetteredCount()).isEqualTo(1);
        Document poisoned = Mono.from(database.getCollection(MongoEventStore.COLLECTION).find(Filters.eq("_id", "batch:poison:1")).first()).block();
        assertThat(poisoned.get("deadLetter", Document.class).getString("reason")).contains("RecordTooLargeException");
    }

    @Test
    void everyEventGetsThroughInItsStreamsOrderDespiteFailures() {
        MongoDatabase database = embedded.freshDatabase();
        MongoEventStore store = new MongoEventStore(database, "a");
        store.createIndexes().block();
        List<String> ids = new ArrayList<>();
        for (int seq = 1; seq <= 10; seq++) {
            for (String stream : List.of("s1", "s2", "s3")) {
                EventEnvelope event = EventEnvelope.wrap(new BatchOpened(stream), seq, Instant.now(), "/test", Actor.SYSTEM, "c", null);
                store.append(new NewCommit("batch", "batch:" + stream, seq, List.of(), List.of(event), null, null, null)).block();
                ids.add(event.eventId());
            }
        }
        FlakyBroker broker = new FlakyBroker();
        OutboxRelay relay = new OutboxRelay(store, broker, relayers(database, "a"));
        relay.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> store.pending(1).collectList().block().isEmpty());
        } finally {
            relay.stop();
        }
        Map<String, List<Long>> firstSeenPerStream = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (String json : broker.acknowledged) {
            EventEnvelope event = EventCodec.decode(json).orElseThrow();
            if (!seen.contains(event.eventId())) {
                seen.add(event.eventId());
                firstSeenPerStream.computeIfAbsent(event.aggregateId(), k -> new ArrayList<>()).add(event.sequence());
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        firstSeenPerStream.values().forEach(sequences -> assertThat(sequences).isSorted().hasSize(10));
        assertThat(broker.attempts.get()).as("failures were retried").isGreaterThan(ids.size());
    }

    /** A broker that takes everything and counts how often it was given each event. */
    static final class CountingBroker implements EventPublisher {
        final Map<String, Integer> sends = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public CompletableFuture<Void> send(String kafkaTopic, String key, String json) {
            if (isPublicCopy(kafkaTopic)) {
                return CompletableFuture.completedFuture(null);
            }
            sends.merge(EventCodec.decode(json).orElseThrow().eventId(), 1, Integer::sum);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void twoInstancesRelayEachCommitOnceBetweenThem() {
        MongoDatabase database = embedded.freshDatabase();
        MongoEventStore a = new MongoEventStore(database, "a");
        MongoEventStore b = new MongoEventStore(database, "b");
        a.createIndexes().block();
        CountingBroker broker = new CountingBroker();
        OutboxRelay relayA = new OutboxRelay(a, broker, relayers(database, "a"));
        OutboxRelay relayB = new OutboxRelay(b, broker, relayers(database, "b"));
        // Left unpublished by a previous run of each, then new ones while both run.
        List<String> ids = new ArrayList<>(appendEach(a, "a-old", 1, 20, null));
        ids.addAll(appendEach(b, "b-old", 1, 20, null));
        relayA.start();
        relayB.start();
        try {
            ids.addAll(appendEach(a, "a-new", 1, 20, relayA));
            ids.addAll(appendEach(b, "b-new", 1, 20, relayB));
            await().atMost(Duration.ofSeconds(30)).until(() -> broker.sends.keySet().containsAll(ids)
                    && a.pending(1).collectList().block().isEmpty() && b.pending(1).collectList().block().isEmpty());
        } finally {
            relayA.stop();
            relayB.stop();
        }
        assertThat(broker.sends).containsOnlyKeys(ids).allSatisfy((id, sends) -> assertThat(sends).as(id).isEqualTo(1));
    }

    @Test
    void theCommitsOfAnInstanceThatIsGoneAreRelayedOnceByTheOthers() {
        MongoDatabase database = embedded.freshDatabase();
        MongoEventStore gone = new MongoEventStore(database, "gone");
        gone.createIndexes().block();
        // Its last heartbeat has lapsed: it was killed before relaying what it had stored.
        new Relayers(database, "gone", Duration.ofSeconds(-1)).beat().block();
        List<String> ids = appendEach(gone, "orphan", 1, 30, null);
        CountingBroker broker = new CountingBroker();
        OutboxRelay relayA = new OutboxRelay(new MongoEventStore(database, "a"), broker, relayers(database, "a"));
        OutboxRelay relayB = new OutboxRelay(new MongoEventStore(database, "b"), broker, relayers(database, "b"));
        relayA.start();
        relayB.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> broker.sends.keySet().containsAll(ids));
            await().atMost(Duration.ofSeconds(30)).until(() -> Mono.from(database.getCollection(MongoEventStore.COLLECTION)
                    .countDocuments(Filters.eq("published", false))).block() == 0);
        } finally {
            relayA.stop();
            relayB.stop();
        }
        assertThat(broker.sends).containsOnlyKeys(ids).allSatisfy((id, sends) -> assertThat(sends).as(id).isEqualTo(1));
    }

    @Test
    void aStreamsEventsReachKafkaInOrderWhenTwoInstancesStoredThem() {
        MongoDatabase database = embedded.freshDatabase();
        MongoEventStore a = new MongoEventStore(database, "a");
        MongoEventStore b = new MongoEventStore(database, "b");
        a.createIndexes().block();
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        EventPublisher broker = (kafkaTopic, key, json) -> {
            if (isPublicCopy(kafkaTopic)) {
                return CompletableFuture.completedFuture(null);
            }
            sent.add(EventCodec.decode(json).orElseThrow().eventId());
            return CompletableFuture.completedFuture(null);
        };
        OutboxRelay relayA = new OutboxRelay(a, broker, relayers(database, "a"));
        OutboxRelay relayB = new OutboxRelay(b, broker, relayers(database, "b"));
        // Instance a stored the stream's first commit but has not relayed it yet; b stored the second.
        String first = appendEach(a, "ordered", 1, 1, null).get(0);
        relayB.start();
        try {
            String second = appendEach(b, "ordered", 2, 1, relayB).get(0);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !sent.contains(second));
            relayA.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.contains(second));
            assertThat(sent).containsExactly(first, second);
        } finally {
            relayA.stop();
            relayB.stop();
        }
    }

    @Test
    void aStreamsOrderIsItsSequenceWhateverTheClocksOfTheInstancesThatStoredIt() {
        MongoDatabase database = embedded.freshDatabase();
        // Instance a's clock runs an hour ahead of b's: by the wall clock, a's commit looks the newest.
        MongoEventStore ahead = new MongoEventStore(database, "a", java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(1)));
        MongoEventStore behind = new MongoEventStore(database, "b", java.time.Clock.systemUTC());
        ahead.createIndexes().block();
        List<String> stream = new ArrayList<>(appendEach(ahead, "skewed", 1, 1, null));
        stream.addAll(appendEach(behind, "skewed", 2, 1, null));
        stream.addAll(appendEach(behind, "skewed", 3, 1, null));
        String other = appendEach(behind, "other", 1, 1, null).get(0);
        // Both were killed before relaying anything; c adopts their commits.
        new Relayers(database, "a", Duration.ofSeconds(-1)).beat().block();
        new Relayers(database, "b", Duration.ofSeconds(-1)).beat().block();
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        EventPublisher broker = (kafkaTopic, key, json) -> {
            if (isPublicCopy(kafkaTopic)) {
                return CompletableFuture.completedFuture(null);
            }
            sent.add(EventCodec.decode(json).orElseThrow().eventId());
            return CompletableFuture.completedFuture(null);
        };
        MongoEventStore c = new MongoEventStore(database, "c");
        OutboxRelay relay = new OutboxRelay(c, broker, relayers(database, "c"));
        relay.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.containsAll(stream) && sent.contains(other));
        } finally {
            relay.stop();
        }
        assertThat(sent.stream().filter(stream::contains).toList()).as("the stream by its sequence").containsExactlyElementsOf(stream);
    }

    /** Commits of one event each on streams {@code prefix-0..count-1}, handed to the relay when one is given. */
    private static List<String> appendEach(MongoEventStore store, String prefix, long seq, int count, OutboxRelay relay) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String stream = prefix + "-" + i;
            EventEnvelope event = EventEnvelope.wrap(new BatchOpened(stream), seq, Instant.now(), "/test", Actor.SYSTEM, "c", null);
            var pending = store.append(new NewCommit("batch", "batch:" + stream, seq, List.of(), List.of(event), null, null, null)).block();
            if (relay != null) {
                relay.committed(pending);
            }
            ids.add(event.eventId());
        }
        return ids;
    }

    /** Each event's public copy goes out beside it ({@link io.jiebang.events.PublicEvents}); these brokers follow the events. */
    private static boolean isPublicCopy(String kafkaTopic) {
        return io.jiebang.events.KafkaTopics.PUBLIC.contains(kafkaTopic);
    }

    private static Relayers relayers(MongoDatabase database, String instance) {
        Relayers relayers = new Relayers(database, instance, OutboxRelay.LEASE);
        relayers.beat().block();
        return relayers;
    }
}
