package io.jiebang.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pins the JSON shape of every event: a renamed, retyped or dropped field breaks its consumers and this
 * test. After an additive change, regenerate with {@code mvn -pl services/events test -Dcontracts.write=true}
 * and review the diff.
 */
class EventContractTest {

    private static final Path CONTRACTS = Path.of("src/test/resources/contracts");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant SAMPLE_TIME = Instant.parse("2026-03-01T08:00:00Z");

    @TestFactory
    Stream<DynamicTest> everyEventKeepsItsPinnedShape() {
        return EventCatalog.ALL.stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            DomainEvent sample = sample(type.javaType());
            EventEnvelope envelope = EventEnvelope.wrap(sample, 3, SAMPLE_TIME, "/jiebang/test",
                    new Actor("u-1", "dept-01", Actor.Role.STAFF), "corr-1", null);
            JsonNode wire = JSON.readTree(EventCodec.encode(envelope));
            String actual = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(wire.get("data"));
            Path golden = CONTRACTS.resolve(type.name() + ".v" + type.version() + ".json");
            if (Boolean.getBoolean("contracts.write")) {
                Files.createDirectories(CONTRACTS);
                Files.writeString(golden, actual + "\n");
            }
            if (!Files.exists(golden)) {
                fail("no pinned contract " + golden + ": run with -Dcontracts.write=true and review it");
            }
            assertThat(JSON.readTree(Files.readString(golden))).isEqualTo(JSON.readTree(actual));
            assertThat(EventCodec.decode(EventCodec.encode(envelope))).contains(envelope);
        }));
    }

    @Test
    void theEnvelopeIsACloudEvent() {
        EventEnvelope envelope = EventEnvelope.wrap(sample(io.jiebang.events.claim.ClaimAwarded.class), 7,
                SAMPLE_TIME, "/jiebang/claim-service", new Actor("u-9", "dept-02", Actor.Role.STAFF), "c-1", "e-0");
        JsonNode wire = JSON.readTree(EventCodec.encode(envelope));
        assertThat(wire.get("specversion").asString()).isEqualTo("1.0");
        assertThat(wire.get("id").asString()).isEqualTo(envelope.eventId());
        assertThat(wire.get("type").asString()).isEqualTo("io.jiebang.claim.awarded.v1");
        assertThat(wire.get("source").asString()).isEqualTo("/jiebang/claim-service");
        assertThat(wire.get("subject").asString()).isEqualTo("topicId-value");
        assertThat(wire.get("time").asString()).isEqualTo("2026-03-01T08:00:00Z");
        assertThat(wire.get("dataschema").asString()).isEqualTo("http://localhost:8080/schemas/events/ClaimAwarded.v1.json");
        assertThat(wire.get("sequence").asLong()).isEqualTo(7);
        assertThat(wire.get("actoruser").asString()).isEqualTo("u-9");
        assertThat(wire.get("actororg").asString()).isEqualTo("dept-02");
        assertThat(wire.get("causationid").asString()).isEqualTo("e-0");
    }

    @Test
    void unknownTypesAreRefusedToConsumersAndUnknownFieldsIgnored() {
        String future = """
                {"specversion":"1.0","id":"e1","source":"/x","type":"SomethingNew","subject":"t1",
                 "time":"2026-03-01T08:00:00Z","data":{"a":1}}""";
        assertThat(EventCodec.decode(future)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventCodec.decodeKnown(future.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnknownEventTypeException.class).hasMessageContaining("unknown event type SomethingNew");
        String additive = """
                {"specversion":"1.0","id":"e2","source":"/x","type":"BatchOpened","subject":"b1",
                 "time":"2026-03-01T08:00:00Z","newattribute":true,"data":{"batchId":"b1","added":"later"}}""";
        assertThat(EventCodec.decode(additive)).hasValueSatisfying(e ->
                assertThat(e.data()).isEqualTo(new io.jiebang.events.batch.BatchOpened("b1")));
        assertThat(EventCodec.decodeKnown(additive.getBytes(StandardCharsets.UTF_8)).data())
                .isEqualTo(new io.jiebang.events.batch.BatchOpened("b1"));
    }

    @Test
    void eventsWrittenBeforeTheEvaluationSettingsMeanTheDefaults() {
        String batch = """
                {"specversion":"1.0","id":"e3","source":"/x","type":"BatchCreated","subject":"b1",
                 "time":"2026-03-01T08:00:00Z","data":{"batchId":"b1","name":"n","opensAt":"2026-03-01T08:00:00Z",
                 "claimDeadline":"2026-03-02T08:00:00Z","dueDate":"2026-04-01T08:00:00Z","reportingPeriodDays":7}}""";
        assertThat(EventCodec.decode(batch)).hasValueSatisfying(e -> assertThat(
                ((io.jiebang.events.batch.BatchCreated) e.data()).evaluationSettings())
                .isEqualTo(io.jiebang.events.batch.EvaluationSettings.DEFAULTS));
        String vote = """
                {"specversion":"1.0","id":"e4","source":"/x","type":"EvaluationVoteCast","subject":"t1",
                 "time":"2026-03-01T08:00:00Z","data":{"topicId":"t1","round":1,"voteId":"v1","verdict":"SATISFIED"}}""";
        assertThat(EventCodec.decode(vote)).hasValueSatisfying(e -> assertThat(
                ((io.jiebang.events.resolution.EvaluationVoteCast) e.data()).castByPoster()).isFalse());
        String closed = """
                {"specversion":"1.0","id":"e5","source":"/x","type":"EvaluationClosed","subject":"t1",
                 "time":"2026-03-01T08:00:00Z","data":{"topicId":"t1","round":1,"satisfied":1,"basicallySatisfied":0,
                 "dissatisfied":0,"outcome":"CLOSED","cause":"CLOSED_BY_USER"}}""";
        assertThat(EventCodec.decode(closed)).hasValueSatisfying(e -> assertThat(e.data()).isEqualTo(
                new io.jiebang.events.resolution.EvaluationClosed("t1", 1, 1, 0, 0,
                        io.jiebang.events.resolution.EvaluationClosed.Outcome.CLOSED,
                        io.jiebang.events.resolution.EvaluationClosed.Cause.CLOSED_BY_USER)));
    }

    @Test
    void garbageIsAPoisonMessage() {
        for (String poison : List.of("not json", "{}", "{\"specversion\":\"1.0\",\"id\":\"x\"}",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"BatchOpened\",\"subject\":\"b\","
                        + "\"time\":\"2026-03-01T08:00:00Z\",\"data\":{\"batchId\":{\"$gt\":\"\"}}}")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventCodec.decode(poison))
                    .as(poison).isInstanceOf(MalformedEventException.class);
        }
    }

    @Test
    void aDeadLetterEventTravelsOnTheDeadLetterTopicOfItsService() {
        EventEnvelope envelope = EventEnvelope.wrap(new io.jiebang.events.deadletter.DeadLetterDiscarded("jiebang.topics-0-7",
                "claim-service", "INBOX", "jiebang.topics", 0, 7, null, null, "garbage"), 1, SAMPLE_TIME,
                "/jiebang/claim-service", new Actor("coordinator", null, Actor.Role.COORDINATOR), "c-1", null);
        assertThat(envelope.kafkaTopic()).isEqualTo("jiebang.dlt.claim-service");
        assertThat(envelope.aggregateId()).isEqualTo("jiebang.topics-0-7");
        assertThat(EventCatalog.typeOf(envelope.data()).kafkaTopic()).isEqualTo(KafkaTopics.DEAD_LETTERS);
    }

    @Test
    void everyEventRecordIsInTheCatalog() throws IOException {
        Path sources = Path.of("src/main/java/io/jiebang/events");
        Set<String> catalogued = EventCatalog.ALL.stream().map(t -> t.javaType().getSimpleName()).collect(Collectors.toSet());
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> records = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).matches("(?s).*public record \\w+\\(.*implements \\w*Event.*"))
                    .map(f -> f.getFileName().toString().replace(".java", "")).toList();
            assertThat(records).isNotEmpty();
            assertThat(catalogued).containsAll(records);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A record with a recognisable value in every component, so the pinned JSON shows each field's type. */
    static <E> E sample(Class<E> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(components[i]);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object sampleValue(RecordComponent component) {
        Class<?> type = component.getType();
        if (type == String.class) {
            return component.getName() + "-value";
        } else if (type == int.class) {
            return 2;
        } else if (type == long.class) {
            return 3L;
        } else if (type == boolean.class || type == Boolean.class) {
            return true;
        } else if (type.isRecord()) {
            return sample(type);
        } else if (type == Instant.class) {
            return SAMPLE_TIME;
        } else if (type.isEnum()) {
            return type.getEnumConstants()[type.getEnumConstants().length - 1];
        } else if (type == List.class && component.getGenericType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] == String.class) {
            return List.of(component.getName() + "-1", component.getName() + "-2");
        } else if (type == List.class && component.getGenericType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return List.of(sample(element));
        } else if (type == Integer.class) {
            return 4;
        } else if (type == double.class) {
            return 5.5;
        }
        throw new IllegalStateException("no sample for " + component);
    }
}
