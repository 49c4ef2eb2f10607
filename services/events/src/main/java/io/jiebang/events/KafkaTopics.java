package io.jiebang.events;

import java.util.List;

/**
 * The Kafka topics of the board, declared once. Each has exactly one writing service (single writer);
 * the key of every record is the aggregate id (for topic events, the topic id).
 */
public final class KafkaTopics {

    /** Organisations and the taxonomy; written by topic-service. */
    public static final String DIRECTORY = "jiebang.directory";
    /** Batches (批次); written by topic-service. */
    public static final String BATCHES = "jiebang.batches";
    /** Topics posted and published; written by topic-service. */
    public static final String TOPICS = "jiebang.topics";
    /** Claims, awards, rounds, withdrawals and assignments; written by claim-service. */
    public static final String CLAIMS = "jiebang.claims";
    /** Progress reports, reminders and escalations; written by dispatch-service. */
    public static final String DISPATCH = "jiebang.dispatch";
    /** Resolutions, verdicts and evaluations; written by resolution-service. */
    public static final String RESOLUTIONS = "jiebang.resolutions";

    public static final List<String> ALL = List.of(DIRECTORY, BATCHES, TOPICS, CLAIMS, DISPATCH, RESOLUTIONS);

    /** Where a service sends what it cannot process, with the reason in the record's headers. */
    public static String deadLetter(String service) {
        return "jiebang.dlt." + service;
    }

    private KafkaTopics() {
    }
}
