package io.jiebang.platform.messaging;

import io.jiebang.events.EventEnvelope;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The use case a service runs for each event it consumes from other services. Must be idempotent by
 * event id (recording the event in the same commit as its effect does that).
 */
public interface Inbox {

    /** Handles one consumed event (not to be confused with {@code Aggregate.apply}, which folds an event into state). */
    Mono<Void> handle(EventEnvelope event);

    /**
     * Handles the events of one poll, in the order consumed, when the inbox is bound in batch mode
     * ({@code spring.cloud.stream.bindings.inbox-in-0.consumer.batch-mode: true}). It must end as handling each
     * in turn would, so that a poll that fails part-way can be handled again, or event by event. By default it
     * is one event at a time; an inbox that can write a poll's effects together overrides it.
     */
    default Mono<Void> handleAll(List<EventEnvelope> events) {
        return Flux.fromIterable(events).concatMap(this::handle).then();
    }

    /**
     * Whether this service has nothing yet and should read every topic from the beginning, whatever its
     * consumer group last committed (a read model rebuilt from scratch). Asked once, at the first assignment.
     */
    default Mono<Boolean> startsFromScratch() {
        return Mono.just(false);
    }
}
