package io.jiebang.platform.eventstore;

import io.jiebang.events.EventEnvelope;
import java.util.List;

/**
 * The events of one stream as stored.
 *
 * @param version the number of commits: the next commit is {@code version + 1}
 */
public record LoadedStream(String key, long version, List<EventEnvelope> events) {

    /** The district the stream belongs to: its first event's; null while it has none. */
    public String district() {
        return events.isEmpty() ? null : events.get(0).district();
    }

    public boolean contains(String eventId) {
        return events.stream().anyMatch(e -> e.eventId().equals(eventId));
    }
}
