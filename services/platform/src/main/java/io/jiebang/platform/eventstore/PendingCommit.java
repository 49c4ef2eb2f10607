package io.jiebang.platform.eventstore;

import java.util.List;

/** A commit whose own events are not yet acknowledged by Kafka. */
public record PendingCommit(String commitId, List<OutgoingEvent> events) {

    /** The exact bytes to publish, to which Kafka topic, under which key. */
    public record OutgoingEvent(String eventId, String kafkaTopic, String key, String json) {
    }
}
