package io.jiebang.platform.deadletter;

import java.time.Instant;

/**
 * A record a service could not process, as its coordinator sees it: where it came from, why it died, and what became
 * of it.
 *
 * @param id          {@code <topic>-<partition>-<offset>} for a consumed record, {@code outbox-<commit>} for a commit
 *                    the relay could never publish
 * @param origin      {@code INBOX} (consumed, could not be handled) or {@code OUTBOX} (stored, could not be published)
 * @param status      {@code DEAD}, {@code REPLAYED} or {@code DISCARDED}
 * @param reason      why it (last) died: the exception's message
 * @param exception   the exception's class
 * @param topic       the Kafka topic it was consumed from, or was to be published to
 * @param partition   its partition, null for the outbox
 * @param offset      its offset, null for the outbox
 * @param eventId     its event id, null when not readable
 * @param eventType   its event type, null when not readable
 * @param diedAt      when it (last) died, by the wall clock
 * @param deaths      how often it died: once, plus each replay that failed, plus each time it was consumed again
 * @param payload     its value as text, cut at 2,000 characters
 * @param resolvedBy  the coordinator who replayed or discarded it
 * @param resolution  the discard's reason
 * @param district    the district of the event (docs/tenancy.md), whose coordinators see it; null when the record is
 *                    unreadable (the first district's coordinators see those)
 */
public record DeadLetter(String id, String service, String origin, String status, String reason, String exception,
                         String topic, Integer partition, Long offset, String key, String eventId, String eventType,
                         Instant diedAt, int deaths, String payload, Instant resolvedAt, String resolvedBy,
                         String resolution, String district) {

    public static final String INBOX = "INBOX";
    public static final String OUTBOX = "OUTBOX";
    public static final String DEAD = "DEAD";
    public static final String REPLAYED = "REPLAYED";
    public static final String DISCARDED = "DISCARDED";

    public boolean isDead() {
        return DEAD.equals(status);
    }
}
