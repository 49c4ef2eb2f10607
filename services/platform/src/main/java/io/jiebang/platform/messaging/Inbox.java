package io.jiebang.platform.messaging;

import io.jiebang.events.EventEnvelope;
import reactor.core.publisher.Mono;

/**
 * The use case a service runs for each event it consumes from other services. Must be idempotent by
 * event id (recording the event in the same commit as its effect does that).
 */
public interface Inbox {

    Mono<Void> apply(EventEnvelope event);
}
