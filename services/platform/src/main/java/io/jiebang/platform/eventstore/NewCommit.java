package io.jiebang.platform.eventstore;

import io.jiebang.events.EventEnvelope;
import java.util.List;

/**
 * One atomic write: the events a command or an inbound event added to one stream.
 *
 * @param external events recorded from other services: applied to the state, never republished
 * @param own events this service raised: published by the relay
 * @param dedupKey unique among all commits when set: an idempotency key or the id of the causing event
 * @param fingerprint what the command asked, to tell a repeat from another request with the same key
 */
public record NewCommit(String streamType, String streamKey, long seq, List<EventEnvelope> external,
                        List<EventEnvelope> own, String dedupKey, String fingerprint, Answer answer) {
}
