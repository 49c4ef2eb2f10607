package io.jiebang.platform.domain;

import io.jiebang.events.EventEnvelope;

/**
 * An event-sourced aggregate: its state changes only by applying events, in the order they were stored.
 * Commands are methods that validate and return the events they raise, without applying them.
 */
public interface Aggregate {

    void apply(EventEnvelope event);
}
