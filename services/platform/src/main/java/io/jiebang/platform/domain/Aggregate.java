package io.jiebang.platform.domain;

import io.jiebang.events.EventEnvelope;
import java.util.Set;

/**
 * An event-sourced aggregate: its state changes only by applying events, in the order they were stored.
 * Commands are methods that validate and return the events they raise, without applying them.
 */
public interface Aggregate {

    void apply(EventEnvelope event);

    /**
     * The named sets this aggregate is in now, such as the batches still open for claims or the topics of one
     * batch, so that a sweep or a report finds its streams by {@code _id} instead of reading every stream.
     * The command executor keeps them up to date on every commit.
     */
    default Set<String> sets() {
        return Set.of();
    }
}
