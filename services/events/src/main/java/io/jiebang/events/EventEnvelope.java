package io.jiebang.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Every message carries this envelope. It maps one-to-one onto CloudEvents 1.0 (see {@link EventCodec}):
 * eventId → id, type → type, version → dataschema (and the {@code eventversion} extension),
 * aggregateId → subject, occurredAt → time, source → source; sequence, actor, correlation and causation
 * travel as extension attributes.
 *
 * @param sequence the place of the event in its aggregate's stream at the producing service, from 1, counting the
 *                 other services' events that service recorded there too: increasing, with gaps
 * @param causationId the id of the event that caused this one, or null for a user's command
 * @param position the event's place among its subject's events written by its source, from 1 and without gaps
 *                 (0: unknown, for events written before 2026-11-30); see docs/events.md, "Order and completeness"
 * @param seen for each other source, the position of the last of its events on this subject that the writer had
 *             applied when it wrote this one: what this event may depend on
 * @param district the district (tenant) the event belongs to: its subject's ({@link Districts}; absent on the wire
 *                 before districts existed: {@link Districts#FIRST})
 */
public record EventEnvelope(String eventId, String type, int version, String aggregateId, long sequence,
                            Instant occurredAt, String source, Actor actor, String correlationId, String causationId,
                            DomainEvent data, long position, Map<String, Long> seen,
                            String district) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
        actor = actor == null ? Actor.SYSTEM : actor;
        seen = seen == null ? Map.of() : Map.copyOf(seen);
        district = district == null ? Districts.FIRST : district;
    }

    /** An envelope without a position (events of operations, and tests that do not care). */
    public EventEnvelope(String eventId, String type, int version, String aggregateId, long sequence, Instant occurredAt,
                         String source, Actor actor, String correlationId, String causationId, DomainEvent data) {
        this(eventId, type, version, aggregateId, sequence, occurredAt, source, actor, correlationId, causationId, data,
                0, Map.of(), null);
    }

    /** Wraps a new event raised by a service. */
    public static EventEnvelope wrap(DomainEvent event, long sequence, Instant occurredAt, String source, Actor actor,
                                     String correlationId, String causationId) {
        return wrap(event, sequence, occurredAt, source, actor, correlationId, causationId, 0, Map.of(),
                actor == null ? null : actor.district());
    }

    /**
     * Wraps a new event raised by a service, with its place among its subject's events ({@link #position},
     * {@link #seen}) and its district.
     */
    public static EventEnvelope wrap(DomainEvent event, long sequence, Instant occurredAt, String source, Actor actor,
                                     String correlationId, String causationId, long position, Map<String, Long> seen,
                                     String district) {
        EventType<?> type = EventCatalog.typeOf(event);
        return new EventEnvelope(UUID.randomUUID().toString(), type.name(), type.version(), event.aggregateId(),
                sequence, occurredAt, source, actor, correlationId, causationId, event, position, seen, district);
    }

    public String kafkaTopic() {
        if (data instanceof io.jiebang.events.deadletter.DeadLetterEvent deadLetter) {
            return deadLetter.kafkaTopic();
        }
        return EventCatalog.typeOf(data).kafkaTopic();
    }
}
