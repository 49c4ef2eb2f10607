package io.jiebang.notification.application;

import io.jiebang.notification.domain.Delivery;
import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The deliveries (e-mail and webhook), each once per notification and channel, with the set of those due and a log of
 * each recipient's newest. An attempt is made by whoever claims the delivery: a claim holds it for a while, so two
 * instances never send it at once.
 */
public interface Deliveries {

    /** Stores a new delivery, due, and logs it for its recipient; one stored before under its id stays as it is. */
    Mono<Void> create(Delivery delivery);

    /** The ids of deliveries due at {@code now} that nobody holds, the longest waiting first. */
    Flux<String> due(Instant now, int limit);

    /** Holds a due delivery for an attempt, answering it as stored; empty when it is not due or another holds it. */
    Mono<Delivery> claim(String id, Instant now);

    Mono<Delivery> find(String id);

    /** Stores the delivery's new state, releasing it: due again at its next attempt, or out of the due set. */
    Mono<Void> save(Delivery delivery);

    /** The recipient's newest deliveries, newest first. */
    Flux<Delivery> log(String recipient);

    /** How many deliveries are dead, waiting for a hand. */
    Mono<Long> countDead();
}
