package io.jiebang.console.application;

import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Board changes for the open streams of every console instance: the instance that projected a change publishes
 * it once, and each instance tells its own browsers. Each change has a position; a browser that reconnects with
 * the last it saw misses nothing still remembered, or is told to reload when too much has passed.
 */
public interface BoardChanges {

    /** Completes once the changes are on their way to every instance (so a redelivered poll repeats them at worst). */
    Mono<Void> publish(List<BoardChange> changes);

    /** The changes after {@code lastSeen} (a position from an earlier stream, or null for none), then each as it comes. */
    Flux<Positioned> stream(String lastSeen);

    /** A change and its position among all changes. */
    record Positioned(String position, BoardChange change) {
    }
}
