package io.jiebang.events.deadletter;

/**
 * A coordinator set a dead letter aside for good, saying why: it will not be handled.
 *
 * @param origin            {@code INBOX} or {@code OUTBOX}
 * @param originalTopic     the Kafka topic the record was consumed from (or was to be published to)
 * @param originalPartition its partition, -1 for an outbox dead letter
 * @param originalOffset    its offset, -1 for an outbox dead letter
 * @param originalEventId   the dead record's event id, null when it was not readable
 * @param originalEventType the dead record's event type, null when it was not readable
 * @param reason            the coordinator's reason
 */
public record DeadLetterDiscarded(String deadLetterId, String service, String origin, String originalTopic,
                                  int originalPartition, long originalOffset, String originalEventId,
                                  String originalEventType, String reason) implements DeadLetterEvent {
}
