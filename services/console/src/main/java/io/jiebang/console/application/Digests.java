package io.jiebang.console.application;

import io.jiebang.console.readmodel.DigestView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the digests of reporting periods are kept, one document per period ({@code _id = <batchId>:<period>}),
 * addressed by {@code _id} only. A digest's events are keyed by its batch, so one console instance writes it, but
 * a rebalance may hand an event to two: every part is set only where it is absent, so whoever writes it first
 * wins and a redelivery changes nothing.
 */
public interface Digests {

    /**
     * Adds the part of a digest (and its dates) unless that part is recorded already; answers whether anything
     * changed.
     */
    Mono<Boolean> record(DigestView part);

    /** The batch's digests, newest period first. */
    Flux<DigestView> digests(String batchId);

    /** One digest; empty when neither part is recorded. */
    Mono<DigestView> digest(String batchId, int period);
}
