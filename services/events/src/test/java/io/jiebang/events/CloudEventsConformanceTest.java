package io.jiebang.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every event as written is a CloudEvent by the rules of CloudEvents 1.0 (the core specification and its JSON event
 * format): the required attributes, the types of the optional ones, the naming of extension attributes, the data.
 */
class CloudEventsConformanceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> CONTEXT_ATTRIBUTES = Set.of("specversion", "id", "source", "type", "subject", "time",
            "datacontenttype", "dataschema", "data");

    @TestFactory
    Stream<DynamicTest> everyTypeIsWrittenAsAConformingCloudEvent() {
        return EventCatalog.ALL.stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            EventEnvelope envelope = EventEnvelope.wrap(EventContractTest.sample(type.javaType()), 3,
                    Instant.parse("2026-03-01T08:00:00.123Z"), "/jiebang/test-service",
                    new Actor("u-1", "dept-01", Actor.Role.STAFF), "corr-1", null);
            JsonNode event = JSON.readTree(EventCodec.encode(envelope));

            // Required: specversion "1.0"; id, source (a URI-reference) and type non-empty strings.
            assertThat(event.get("specversion").asString()).isEqualTo("1.0");
            assertThat(event.get("id").asString()).isNotEmpty().isEqualTo(envelope.eventId());
            assertThat(URI.create(event.get("source").asString()).toString()).isNotEmpty();
            assertThat(event.get("type").asString()).isEqualTo(type.cloudEventType())
                    .matches("io\\.jiebang\\.[a-z]+\\.[a-z0-9-]+\\.v" + type.version());
            // Optional, when present: subject a non-empty string (the key); time RFC 3339; dataschema an absolute URI;
            // datacontenttype an RFC 2046 media type, application/json for JSON data.
            assertThat(event.get("subject").asString()).isNotEmpty().isEqualTo(envelope.aggregateId());
            assertThat(OffsetDateTime.parse(event.get("time").asString()).toInstant()).isEqualTo(envelope.occurredAt());
            URI schema = URI.create(event.get("dataschema").asString());
            assertThat(schema.isAbsolute()).as("dataschema is an absolute URI").isTrue();
            assertThat(schema.toString()).endsWith("/schemas/events/" + type.schemaFile());
            assertThat(event.get("datacontenttype").asString()).isEqualTo("application/json");
            // The JSON format: data as JSON (an object here), never data_base64 beside it.
            assertThat(event.get("data").isObject()).isTrue();
            assertThat(event.has("data_base64")).isFalse();
            // Extension attributes: lower-case letters and digits, at most 20 characters; values strings or integers.
            event.properties().forEach(attribute -> {
                if (!CONTEXT_ATTRIBUTES.contains(attribute.getKey())) {
                    assertThat(attribute.getKey()).as("extension attribute").matches("[a-z0-9]{1,20}");
                    assertThat(attribute.getValue().isString() || attribute.getValue().isIntegralNumber())
                            .as(attribute.getKey() + " is a string or an integer").isTrue();
                }
            });
            // Null attributes are left out, not written as null.
            event.properties().forEach(attribute -> assertThat(attribute.getValue().isNull()).as(attribute.getKey()).isFalse());
            assertThat(EventCodec.decode(EventCodec.encode(envelope))).contains(envelope);
        }));
    }

    @Test
    void anEventsPlaceAmongItsSubjectsEventsTravelsAsTwoExtensionAttributes() {
        EventEnvelope placed = EventEnvelope.wrap(new io.jiebang.events.batch.BatchOpened("b1"), 9, Instant.parse("2026-03-01T08:00:00Z"),
                "/jiebang/claim-service", Actor.SYSTEM, "c", null, 4, java.util.Map.of("/jiebang/topic-service", 2L,
                        "/jiebang/resolution-service", 1L), "d2");
        JsonNode event = JSON.readTree(EventCodec.encode(placed));
        assertThat(event.get("position").asLong()).isEqualTo(4);
        assertThat(event.get("seen").asString()).isEqualTo("/jiebang/resolution-service=1,/jiebang/topic-service=2");
        assertThat(EventCodec.decode(EventCodec.encode(placed))).contains(placed);
        EventEnvelope unplaced = EventEnvelope.wrap(new io.jiebang.events.batch.BatchOpened("b1"), 9, Instant.EPOCH, "/x",
                Actor.SYSTEM, "c", null);
        assertThat(JSON.readTree(EventCodec.encode(unplaced)).has("position")).as("unknown: left out").isFalse();
    }

    @Test
    void eventsWrittenUnderTheBoardsOwnTypeNamesAreStillRead() {
        String older = """
                {"specversion":"1.0","id":"e-old","source":"/jiebang/topic-service","type":"BatchOpened","subject":"b1",
                 "time":"2026-03-01T08:00:00Z","data":{"batchId":"b1"}}""";
        assertThat(EventCodec.decode(older)).hasValueSatisfying(event -> {
            assertThat(event.type()).isEqualTo("BatchOpened");
            assertThat(event.data()).isEqualTo(new io.jiebang.events.batch.BatchOpened("b1"));
        });
        String current = older.replace("\"BatchOpened\"", "\"io.jiebang.batch.opened.v1\"");
        assertThat(EventCodec.decode(current)).hasValueSatisfying(event -> assertThat(event.type()).isEqualTo("BatchOpened"));
    }
}
