package io.jiebang.notification.application;

import io.jiebang.events.EventEnvelope;
import io.jiebang.notification.domain.TopicFact;
import io.jiebang.notification.domain.TopicRecord;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The record of each topic ({@link TopicRecord}) with the events waiting for a fact it lacks. Every change is one
 * atomic write that answers the record as it is right after it: an event parked while its missing fact is being
 * recorded is seen either by the parker (in the record after parking) or by the recorder (among the waiting after
 * recording), never by neither.
 */
public interface TopicRecords {

    /** A topic's record and the events that wait for a fact it lacks. */
    record Stored(TopicRecord record, List<EventEnvelope> waiting) {

        public Stored {
            waiting = List.copyOf(waiting);
        }
    }

    /** The topic's record; one that knows nothing when nothing was heard of it. */
    Mono<Stored> find(String topicId);

    /** Records a fact (idempotent) and answers the record with it. */
    Mono<Stored> record(String topicId, TopicFact fact);

    /** Sets an event aside until a fact it needs is recorded (idempotent), and answers the record as it is now. */
    Mono<Stored> park(String topicId, EventEnvelope event);

    /** Takes a parked event off the topic's waiting list once it has been handled. */
    Mono<Void> unpark(String topicId, String eventId);
}
