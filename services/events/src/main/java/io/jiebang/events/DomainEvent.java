package io.jiebang.events;

/** A fact that happened in the board. Every event is an immutable record registered in {@link EventCatalog}. */
public interface DomainEvent {

    /** The aggregate the event belongs to: the Kafka key and the CloudEvents {@code subject}. */
    String aggregateId();
}
