package io.jiebang.platform.messaging;

import io.jiebang.events.EventEnvelope;
import reactor.core.publisher.Mono;

/**
 * The use case a service runs for each event it consumes from other services. Must be idempotent by
 * event id (recording the event in the same commit as its effect does that).
 */
public interface Inbox {

    /** Handles one consumed event (not to be confused with {@code Aggregate.apply}, which folds an event into state). */
    Mono<Void> handle(EventEnvelope event);

    /**
     * Whether this service has nothing yet and should read every topic from the beginning, whatever its
     * consumer group last committed (a read model rebuilt from scratch). Asked once, at the first assignment.
     */
    default Mono<Boolean> startsFromScratch() {
        return Mono.just(false);
    }
}
