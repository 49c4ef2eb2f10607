package io.jiebang.platform.eventstore;

import java.util.List;

/**
 * A commit whose own events are not yet acknowledged by Kafka.
 *
 * @param traceparent the W3C trace context of the command that made it, for the Kafka records; null if untraced
 */
public record PendingCommit(String commitId, List<OutgoingEvent> events, String traceparent) {

    public PendingCommit(String commitId, List<OutgoingEvent> events) {
        this(commitId, events, null);
    }

    /** The stream the commit belongs to ({@code commitId} is {@code <stream>:<seq>}). */
    public String streamKey() {
        return commitId.substring(0, commitId.lastIndexOf(':'));
    }

    /** The commit's place in its stream, from 1. */
    public long seq() {
        return Long.parseLong(commitId.substring(commitId.lastIndexOf(':') + 1));
    }

    /** The commit before this one in its stream, or null for the first. */
    public String previousCommitId() {
        return seq() == 1 ? null : streamKey() + ":" + (seq() - 1);
    }

    /** The exact bytes to publish, to which Kafka topic, under which key. */
    public record OutgoingEvent(String eventId, String kafkaTopic, String key, String json) {
    }
}
