package io.jiebang.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Every message carries this envelope. It maps one-to-one onto CloudEvents 1.0 (see {@link EventCodec}):
 * eventId → id, type → type, version → dataschema (and the {@code eventversion} extension),
 * aggregateId → subject, occurredAt → time, source → source; sequence, actor, correlation and causation
 * travel as extension attributes.
 *
 * @param sequence the position of the event in its aggregate's stream at the producing service, from 1
 * @param causationId the id of the event that caused this one, or null for a user's command
 */
public record EventEnvelope(String eventId, String type, int version, String aggregateId, long sequence,
                            Instant occurredAt, String source, Actor actor, String correlationId, String causationId,
                            DomainEvent data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
        actor = actor == null ? Actor.SYSTEM : actor;
    }

    /** Wraps a new event raised by a service. */
    public static EventEnvelope wrap(DomainEvent event, long sequence, Instant occurredAt, String source, Actor actor,
                                     String correlationId, String causationId) {
        EventType<?> type = EventCatalog.typeOf(event);
        return new EventEnvelope(UUID.randomUUID().toString(), type.name(), type.version(), event.aggregateId(),
                sequence, occurredAt, source, actor, correlationId, causationId, event);
    }

    public String kafkaTopic() {
        if (data instanceof io.jiebang.events.deadletter.DeadLetterEvent deadLetter) {
            return deadLetter.kafkaTopic();
        }
        return EventCatalog.typeOf(data).kafkaTopic();
    }
}
