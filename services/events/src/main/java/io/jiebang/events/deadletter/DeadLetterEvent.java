package io.jiebang.events.deadletter;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.KafkaTopics;

/**
 * What a coordinator did with a dead letter: a record a service could not process (consumed, or one its outbox relay
 * could never publish). Recorded by the service that owns the dead letter, on its own dead-letter topic
 * ({@code jiebang.dlt.<service>}, of which it is the single writer), keyed by the dead letter's id.
 */
public interface DeadLetterEvent extends DomainEvent {

    /** The dead letter's id in its service ({@code <topic>-<partition>-<offset>} or {@code outbox-<commit>}). */
    String deadLetterId();

    /** The service that owns the dead letter and writes this event. */
    String service();

    @Override
    default String aggregateId() {
        return deadLetterId();
    }

    /** The Kafka topic of the event: the owning service's dead-letter topic. */
    default String kafkaTopic() {
        return KafkaTopics.deadLetter(service());
    }
}
