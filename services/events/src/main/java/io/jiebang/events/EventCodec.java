package io.jiebang.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads events as CloudEvents 1.0 in structured mode ({@code application/cloudevents+json}):
 * the whole envelope is the record's value, so analytics consumers need nothing but a JSON reader.
 * <ul>
 *   <li>{@code type}: reverse-DNS with the version ({@link EventType#cloudEventType()}); the board's own names of
 *       older records are read too.</li>
 *   <li>{@code dataschema}: where the console serves the type's JSON Schema ({@link #publishSchemasAt}).</li>
 *   <li>{@code subject}: the aggregate id, the Kafka key: for a topic's events, the topic.</li>
 *   <li>the board's extension attributes: {@code eventversion}, {@code sequence}, {@code actoruser}, {@code actororg},
 *       {@code actorrole}, {@code correlationid}, {@code causationid}, and the event's place among its subject's
 *       events, {@code position} and {@code seen} (docs/events.md, "Order and completeness"), and the {@code district}
 *       (tenant) it belongs to (docs/tenancy.md).</li>
 * </ul>
 * Hand-built rather than the {@code io.cloudevents} SDK's JSON format: that module is written against Jackson 2,
 * and this project runs Jackson 3; the format is small, and {@code CloudEventsConformanceTest} holds this codec to
 * the specification's rules.
 */
public final class EventCodec {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    /** Where the schemas are served unless told otherwise: the console of {@code make run}. */
    public static final String DEFAULT_SCHEMAS_URL = "http://localhost:8080/schemas/events/";

    private static volatile String schemasUrl = DEFAULT_SCHEMAS_URL;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventCodec() {
    }

    /**
     * Sets the absolute URL under which the console serves the schemas (its public address + {@code /schemas/events/}),
     * for every event's {@code dataschema}; set once at a service's start (JIEBANG_SCHEMAS_URL).
     */
    public static void publishSchemasAt(String url) {
        schemasUrl = url.endsWith("/") ? url : url + "/";
    }

    /** The {@code dataschema} of an event of this type: a URL that resolves to its JSON Schema. */
    public static String dataSchemaOf(EventType<?> type) {
        return schemasUrl + type.schemaFile();
    }

    public static byte[] encode(EventEnvelope envelope) {
        return MAPPER.writeValueAsBytes(CloudEvent.of(envelope));
    }

    public static String encodeToString(EventEnvelope envelope) {
        return new String(encode(envelope), StandardCharsets.UTF_8);
    }

    /**
     * Reads one event. Empty when its type is not in the catalog: for reading back what this service stored itself;
     * a consumer of other services' records uses {@link #decodeKnown}, which refuses such a type so it is dead-lettered.
     *
     * @throws MalformedEventException when the bytes are not a CloudEvent of this board: a poison message
     */
    public static Optional<EventEnvelope> decode(byte[] bytes) {
        CloudEvent event;
        try {
            event = MAPPER.readValue(bytes, CloudEvent.class);
        } catch (JacksonException e) {
            throw new MalformedEventException("not a CloudEvents JSON document: " + e.getOriginalMessage(), e);
        }
        return event.toEnvelope();
    }

    /**
     * Reads one event for a consumer: a type no service of the board knows is not skipped but refused, so that it is
     * dead-lettered and seen (known types a service does not care about are its inbox's to ignore).
     *
     * @throws UnknownEventTypeException when the type is not in the {@link EventCatalog}
     * @throws MalformedEventException when the bytes are not a CloudEvent of this board
     */
    public static EventEnvelope decodeKnown(byte[] bytes) {
        CloudEvent event;
        try {
            event = MAPPER.readValue(bytes, CloudEvent.class);
        } catch (JacksonException e) {
            throw new MalformedEventException("not a CloudEvents JSON document: " + e.getOriginalMessage(), e);
        }
        return event.toEnvelope().orElseThrow(() -> new UnknownEventTypeException(event.type(), event.id()));
    }

    public static Optional<EventEnvelope> decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The CloudEvents 1.0 structured JSON format, with the board's extension attributes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
                      String datacontenttype, String dataschema, Integer eventversion, Long sequence,
                      String actoruser, String actororg, String actorrole, String correlationid,
                      String causationid, Long position, String seen, String district, JsonNode data) {

        static CloudEvent of(EventEnvelope e) {
            EventType<?> type = EventCatalog.typeOf(e.data());
            return new CloudEvent("1.0", e.eventId(), e.source(), type.cloudEventType(), e.aggregateId(), e.occurredAt(),
                    "application/json", dataSchemaOf(type), e.version(), e.sequence(), e.actor().userId(),
                    e.actor().orgId(), e.actor().role().name(), e.correlationId(), e.causationId(),
                    e.position() == 0 ? null : e.position(), seenText(e.seen()), e.district(),
                    MAPPER.valueToTree(e.data()));
        }

        /** {@code seen} on the wire: {@code <source>=<position>} pairs, by source, joined by commas (an attribute is a string). */
        private static String seenText(java.util.Map<String, Long> seen) {
            return seen.isEmpty() ? null : new java.util.TreeMap<>(seen).entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue())
                    .collect(java.util.stream.Collectors.joining(","));
        }

        private java.util.Map<String, Long> seenMap() {
            java.util.Map<String, Long> parsed = new java.util.HashMap<>();
            if (seen != null && !seen.isBlank()) {
                for (String pair : seen.split(",")) {
                    int at = pair.lastIndexOf('=');
                    try {
                        parsed.put(pair.substring(0, at), Long.parseLong(pair.substring(at + 1)));
                    } catch (RuntimeException e) {
                        throw new MalformedEventException("unreadable seen attribute in event " + id + ": " + seen, e);
                    }
                }
            }
            return parsed;
        }

        private Actor.Role role() {
            if (actorrole == null) {
                return Actor.Role.SYSTEM;
            }
            try {
                return Actor.Role.valueOf(actorrole);
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException("unknown actor role " + actorrole + " in event " + id, e);
            }
        }

        Optional<EventEnvelope> toEnvelope() {
            if (!"1.0".equals(specversion) || id == null || type == null || subject == null || time == null
                    || data == null || data.isNull()) {
                throw new MalformedEventException("missing CloudEvents attributes in event " + id);
            }
            Optional<EventType<?>> known = EventCatalog.byWireType(type);
            if (known.isEmpty()) {
                return Optional.empty();
            }
            DomainEvent payload;
            try {
                payload = MAPPER.treeToValue(data, known.get().javaType());
            } catch (JacksonException e) {
                throw new MalformedEventException("the data of " + type + " " + id + " does not fit: "
                        + e.getOriginalMessage(), e);
            }
            String inDistrict = district == null ? Districts.FIRST : district;
            Actor.Role role = role();
            Actor actor = new Actor(actoruser, actororg, role, role == Actor.Role.SYSTEM || role == Actor.Role.RESIDENT
                    || role == Actor.Role.CITY ? null : inDistrict);
            return Optional.of(new EventEnvelope(id, known.get().name(), eventversion == null ? 1 : eventversion, subject,
                    sequence == null ? 0 : sequence, time, source, actor, correlationid, causationid, payload,
                    position == null ? 0 : position, seenMap(), inDistrict));
        }
    }
}
