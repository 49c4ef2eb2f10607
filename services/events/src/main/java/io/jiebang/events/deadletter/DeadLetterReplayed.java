package io.jiebang.events.deadletter;

/**
 * A coordinator had the service handle a dead letter again: through its inbox (a consumed record) or by publishing
 * it once more (a commit the outbox relay could not publish).
 *
 * @param origin            {@code INBOX} or {@code OUTBOX}
 * @param originalTopic     the Kafka topic the record was consumed from (or was to be published to)
 * @param originalPartition its partition, -1 for an outbox dead letter
 * @param originalOffset    its offset, -1 for an outbox dead letter
 * @param originalEventId   the dead record's event id, null when it was not readable
 * @param originalEventType the dead record's event type, null when it was not readable
 * @param handled           whether it went through this time; if not it stays dead with {@code reason}
 * @param reason            why it failed again (the exception), null when handled
 */
public record DeadLetterReplayed(String deadLetterId, String service, String origin, String originalTopic,
                                 int originalPartition, long originalOffset, String originalEventId,
                                 String originalEventType, boolean handled, String reason) implements DeadLetterEvent {
}
