package io.jiebang.platform.eventstore;

import java.util.List;

/** A commit whose own events are not yet acknowledged by Kafka. */
public record PendingCommit(String commitId, List<OutgoingEvent> events) {

    /** The stream the commit belongs to ({@code commitId} is {@code <stream>:<seq>}). */
    public String streamKey() {
        return commitId.substring(0, commitId.lastIndexOf(':'));
    }

    /** The exact bytes to publish, to which Kafka topic, under which key. */
    public record OutgoingEvent(String eventId, String kafkaTopic, String key, String json) {
    }
}
