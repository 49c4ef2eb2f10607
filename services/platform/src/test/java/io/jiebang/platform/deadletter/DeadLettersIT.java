package io.jiebang.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jiebang.devstack.LocalStack;
import io.jiebang.events.Actor;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.KafkaTopics;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.events.deadletter.DeadLetterDiscarded;
import io.jiebang.events.deadletter.DeadLetterReplayed;
import io.jiebang.platform.EmbeddedStore;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.platform.eventstore.NewCommit;
import io.jiebang.platform.eventstore.Relayers;
import io.jiebang.platform.messaging.DeadLetters;
import io.jiebang.platform.messaging.Inbox;
import io.jiebang.platform.messaging.InboxBinding;
import io.jiebang.platform.observability.InboxObservations;
import io.jiebang.platform.relay.KafkaEventPublisher;
import io.jiebang.platform.relay.OutboxRelay;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import reactor.core.publisher.Mono;

/**
 * Nothing is lost silently: what a service cannot consume, and what its relay can never publish (on the real local
 * broker), becomes a dead letter its coordinator lists, replays or discards, each action an event on the service's
 * dead-letter topic; nobody else may see them.
 */
class DeadLettersIT {

    static final String SERVICE = "claim-service";
    static final Actor COORDINATOR = new Actor("coordinator", null, Actor.Role.COORDINATOR);
    static final Actor STREET = new Actor("street-01", "street-01", Actor.Role.STAFF);

    static EmbeddedStore embedded;
    static LocalStack kafka;

    @BeforeAll
    static void start() {
        embedded = new EmbeddedStore();
        kafka = LocalStack.create(new LocalStack.Options().temporaryData("jiebang-platform-it-").freePorts().mongoUri(embedded.uri()));
        kafka.startInfrastructure();
    }

    @AfterAll
    static void stop() {
        kafka.close();
        embedded.close();
    }

    /** An inbox that ignores the known types it has no use for and fails on the events it is told to. */
    static final class PickyInbox implements Inbox {
        final Set<String> failOn = ConcurrentHashMap.newKeySet();
        final List<String> handled = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Mono<Void> handle(EventEnvelope event) {
            if (failOn.contains(event.eventId())) {
                return Mono.error(new IllegalStateException("cannot handle " + event.eventId() + " yet"));
            }
            handled.add(event.eventId());
            return Mono.empty();
        }
    }

    @Test
    void recordsTheInboxCannotHandleAreListedReplayedAndDiscarded() {
        MongoDatabase database = embedded.freshDatabase();
        DeadLetterStore store = new DeadLetterStore(database);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StreamBridge bridge = mock(StreamBridge.class);
        when(bridge.send(anyString(), any(Object.class))).thenReturn(true);
        PickyInbox inbox = new PickyInbox();
        InboxBinding binding = new InboxBinding(inbox, new DeadLetters(bridge, SERVICE, meters, store),
                new InboxObservations(ObservationRegistry.NOOP));
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        DeadLetterOperations operations = new DeadLetterOperations(SERVICE, store, Clock.systemUTC(),
                (topic, key, json) -> sent.add(topic + " " + key + " " + json), List.of(binding));

        EventEnvelope failing = event("b-failing");
        inbox.failOn.add(failing.eventId());
        EventEnvelope fine = event("b-fine");
        String unknown = """
                {"specversion":"1.0","id":"e-new","source":"/jiebang/topic-service","type":"TopicRenamed","subject":"t1",
                 "time":"2026-03-01T08:00:00Z","data":{"topicId":"t1"}}""";
        binding.accept(record("{\"specversion\":\"1.0\",\"garbage\":", 10));
        binding.accept(record(unknown, 11));
        binding.accept(record(EventCodec.encodeToString(failing), 12));
        binding.accept(record(EventCodec.encodeToString(fine), 13));

        assertThat(inbox.handled).containsExactly(fine.eventId());
        List<DeadLetter> dead = operations.list(COORDINATOR, DeadLetter.DEAD).collectList().block();
        assertThat(dead).extracting(DeadLetter::id).containsExactlyInAnyOrder("jiebang.topics-0-10", "jiebang.topics-0-11",
                "jiebang.topics-0-12");
        DeadLetter poison = byId(dead, "jiebang.topics-0-10");
        assertThat(poison.reason()).startsWith("not a CloudEvents JSON document");
        assertThat(poison.exception()).isEqualTo("io.jiebang.events.MalformedEventException");
        assertThat(poison.eventId()).isNull();
        DeadLetter unknownType = byId(dead, "jiebang.topics-0-11");
        assertThat(unknownType.reason()).isEqualTo("unknown event type TopicRenamed (event e-new)");
        assertThat(unknownType.exception()).isEqualTo("io.jiebang.events.UnknownEventTypeException");
        assertThat(unknownType.eventId()).isEqualTo("e-new");
        assertThat(unknownType.eventType()).isEqualTo("TopicRenamed");
        DeadLetter failed = byId(dead, "jiebang.topics-0-12");
        assertThat(failed.reason()).isEqualTo("cannot handle " + failing.eventId() + " yet");
        assertThat(failed).extracting(DeadLetter::origin, DeadLetter::topic, DeadLetter::partition, DeadLetter::offset,
                DeadLetter::eventType, DeadLetter::key, DeadLetter::deaths)
                .containsExactly(DeadLetter.INBOX, KafkaTopics.TOPICS, 0, 12L, "BatchOpened", "b-failing", 1);
        assertThat(failed.diedAt()).isAfter(Instant.now().minusSeconds(60));
        assertThat(meters.counter("jiebang.inbox.dead.letters", "topic", KafkaTopics.TOPICS).count()).isEqualTo(3);

        assertThatThrownBy(() -> operations.list(STREET, null).collectList().block())
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.kind()).isEqualTo(Rejection.Kind.FORBIDDEN));
        assertThatThrownBy(() -> operations.replay(STREET, failed.id()).block()).isInstanceOf(Rejection.class);
        assertThatThrownBy(() -> operations.discard(STREET, poison.id(), "garbage").block()).isInstanceOf(Rejection.class);
        // The first district's letters (its events, and the unreadable record) are another district's coordinator's to
        // neither see nor handle (docs/tenancy.md).
        assertThat(dead).extracting(DeadLetter::district).containsOnly("d1", null);
        Actor otherDistrict = new Actor("coordinator-d2", null, Actor.Role.COORDINATOR, "d2");
        assertThat(operations.list(otherDistrict, null).collectList().block()).isEmpty();
        assertThatThrownBy(() -> operations.replay(otherDistrict, failed.id()).block())
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("dead-letter-not-found"));
        assertThat(sent).isEmpty();

        // The unknown type is still unknown: replayed in vain, it stays dead with the reason, and the try is recorded.
        DeadLetter stillDead = operations.replay(COORDINATOR, unknownType.id()).block();
        assertThat(stillDead.status()).isEqualTo(DeadLetter.DEAD);
        assertThat(stillDead.deaths()).isEqualTo(2);
        assertThat(sent).hasSize(1);
        DeadLetterReplayed inVain = (DeadLetterReplayed) decoded(sent.get(0)).data();
        assertThat(inVain.handled()).isFalse();
        assertThat(inVain.reason()).contains("unknown event type TopicRenamed");
        assertThat(sent.get(0)).startsWith(KafkaTopics.deadLetter(SERVICE) + " " + unknownType.id() + " ");

        // The inbox can handle the failed event now: replayed, it is handled once and no longer dead.
        inbox.failOn.clear();
        DeadLetter replayed = operations.replay(COORDINATOR, failed.id()).block();
        assertThat(replayed.status()).isEqualTo(DeadLetter.REPLAYED);
        assertThat(replayed.resolvedBy()).isEqualTo("coordinator");
        assertThat(inbox.handled).containsExactly(fine.eventId(), failing.eventId());
        EventEnvelope replayedEvent = decoded(sent.get(1));
        assertThat(replayedEvent.data()).isEqualTo(new DeadLetterReplayed(failed.id(), SERVICE, DeadLetter.INBOX, KafkaTopics.TOPICS,
                0, 12, failing.eventId(), "BatchOpened", true, null));
        assertThat(replayedEvent.actor()).isEqualTo(COORDINATOR);
        assertThatThrownBy(() -> operations.replay(COORDINATOR, failed.id()).block())
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("dead-letter-not-dead"));

        assertThatThrownBy(() -> operations.discard(COORDINATOR, poison.id(), " ").block())
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID));
        DeadLetter discarded = operations.discard(COORDINATOR, poison.id(), "garbage from a test producer").block();
        assertThat(discarded.status()).isEqualTo(DeadLetter.DISCARDED);
        assertThat(discarded.resolution()).isEqualTo("garbage from a test producer");
        assertThat(decoded(sent.get(2)).data()).isEqualTo(new DeadLetterDiscarded(poison.id(), SERVICE, DeadLetter.INBOX,
                KafkaTopics.TOPICS, 0, 10, null, null, "garbage from a test producer"));
        assertThat(operations.list(COORDINATOR, DeadLetter.DEAD).collectList().block()).extracting(DeadLetter::id)
                .containsExactly(unknownType.id());

        // Consumed again (a rebuild from the beginning), the discarded record is counted but stays discarded.
        binding.accept(record("{\"specversion\":\"1.0\",\"garbage\":", 10));
        assertThat(store.find(poison.id()).block().view()).extracting(DeadLetter::status, DeadLetter::deaths)
                .containsExactly(DeadLetter.DISCARDED, 2);
        assertThat(operations.list(COORDINATOR, null).collectList().block()).hasSize(3);
        assertThat(meters.counter("jiebang.inbox.dead.letters", "topic", KafkaTopics.TOPICS).count())
                .as("a replay in vain is no new dead letter; a record consumed again is").isEqualTo(4);
    }

    @Test
    void aRecordKafkaRefusesIsADeadLetterAndTheRelayGoesOn() {
        MongoDatabase database = embedded.freshDatabase();
        MongoEventStore events = new MongoEventStore(database, "a");
        events.createIndexes().block();
        DeadLetterStore store = new DeadLetterStore(database);
        Relayers relayers = new Relayers(database, "a", OutboxRelay.LEASE);
        relayers.beat().block();
        KafkaEventPublisher publisher = new KafkaEventPublisher(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.kafkaBootstrap()));
        OutboxRelay relay = new OutboxRelay(events, publisher, relayers, store, SERVICE);
        DeadLetterOperations operations = new DeadLetterOperations(SERVICE, store, Clock.systemUTC(), (topic, key, json) -> {
            try {
                publisher.send(topic, key, json).get(30, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }, List.of(relay));
        String big = "b-big-" + UUID.randomUUID();
        String other = "b-other-" + UUID.randomUUID();
        // Over the producer's 1 MB request limit: Kafka will never take it.
        EventEnvelope tooLarge = event(big, 1, "x".repeat(1_200_000));
        EventEnvelope next = event(big, 2, null);
        EventEnvelope elsewhere = event(other, 1, null);
        relay.start();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            for (EventEnvelope event : List.of(tooLarge, next, elsewhere)) {
                relay.committed(events.append(new NewCommit("batch", "batch:" + event.aggregateId(), event.sequence(),
                        List.of(), List.of(event), null, null, null)).block());
            }
            List<ConsumerRecord<String, String>> batches = new ArrayList<>();
            consumer.subscribe(List.of(KafkaTopics.BATCHES, KafkaTopics.deadLetter(SERVICE)));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(batches::add);
                return batches.stream().anyMatch(r -> r.value().contains(next.eventId()))
                        && batches.stream().anyMatch(r -> r.value().contains(elsewhere.eventId()));
            });
            assertThat(batches).noneMatch(r -> r.value().contains(tooLarge.eventId()));
            assertThat(relay.deadLetteredCount()).isEqualTo(1);

            String id = OutboxRelay.deadLetterId("batch:" + big + ":1");
            List<DeadLetter> dead = operations.list(COORDINATOR, DeadLetter.DEAD).collectList().block();
            assertThat(dead).extracting(DeadLetter::id).containsExactly(id);
            assertThat(dead.get(0)).extracting(DeadLetter::origin, DeadLetter::topic, DeadLetter::key, DeadLetter::eventId,
                    DeadLetter::eventType, DeadLetter::exception)
                    .containsExactly(DeadLetter.OUTBOX, KafkaTopics.BATCHES, big, tooLarge.eventId(), "BatchOpened",
                            "org.apache.kafka.common.errors.RecordTooLargeException");
            assertThatThrownBy(() -> operations.list(STREET, DeadLetter.DEAD).collectList().block()).isInstanceOf(Rejection.class);

            DeadLetter again = operations.replay(COORDINATOR, id).block();
            assertThat(again).extracting(DeadLetter::status, DeadLetter::deaths).containsExactly(DeadLetter.DEAD, 2);
            DeadLetter discarded = operations.discard(COORDINATOR, id, "the name is far too long; posted again shorter").block();
            assertThat(discarded.status()).isEqualTo(DeadLetter.DISCARDED);

            List<EventEnvelope> recorded = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.topic().equals(KafkaTopics.deadLetter(SERVICE)) && r.key().equals(id)) {
                        recorded.add(EventCodec.decodeKnown(r.value().getBytes(StandardCharsets.UTF_8)));
                    }
                });
                return recorded.size() == 2;
            });
            assertThat(recorded.get(0).data()).isInstanceOfSatisfying(DeadLetterReplayed.class, replayed -> {
                assertThat(replayed.handled()).isFalse();
                assertThat(replayed.reason()).contains("RecordTooLargeException");
            });
            assertThat(recorded.get(1).data()).isInstanceOfSatisfying(DeadLetterDiscarded.class,
                    discard -> assertThat(discard.reason()).isEqualTo("the name is far too long; posted again shorter"));
            assertThat(recorded).extracting(EventEnvelope::sequence).containsExactly(1L, 2L);

            // And the relay goes on with whatever comes next.
            EventEnvelope later = event(other, 2, null);
            relay.committed(events.append(new NewCommit("batch", "batch:" + other, 2, List.of(), List.of(later), null, null, null)).block());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(batches::add);
                return batches.stream().anyMatch(r -> r.value().contains(later.eventId()));
            });
        } finally {
            relay.stop();
            publisher.close();
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letters-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }

    private static DeadLetter byId(List<DeadLetter> letters, String id) {
        return letters.stream().filter(letter -> letter.id().equals(id)).findFirst().orElseThrow();
    }

    private static EventEnvelope decoded(String sent) {
        return EventCodec.decodeKnown(sent.substring(sent.indexOf('{')).getBytes(StandardCharsets.UTF_8));
    }

    private static EventEnvelope event(String batchId) {
        return event(batchId, 1, null);
    }

    /** A BatchOpened of the batch, made as large as {@code padding} when given (its id carries it). */
    private static EventEnvelope event(String batchId, long seq, String padding) {
        EventEnvelope small = EventEnvelope.wrap(new BatchOpened(batchId), seq, Instant.now(), "/jiebang/topic-service",
                Actor.SYSTEM, "c", null);
        if (padding == null) {
            return small;
        }
        return new EventEnvelope(small.eventId(), small.type(), small.version(), batchId, seq, small.occurredAt(), small.source(),
                small.actor(), padding, null, small.data());
    }

    private static Message<byte[]> record(String value, long offset) {
        return MessageBuilder.withPayload(value.getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, KafkaTopics.TOPICS)
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, 0)
                .setHeader(KafkaHeaders.OFFSET, offset)
                .setHeader(KafkaHeaders.RECEIVED_KEY, value.contains("b-failing") ? "b-failing".getBytes(StandardCharsets.UTF_8) : null)
                .build();
    }
}
