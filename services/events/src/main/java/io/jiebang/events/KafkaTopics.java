package io.jiebang.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka topics of the board, declared once: names, partitions and retention ({@link #declarations()}), created
 * by an explicit step ({@link KafkaTopicSetup}), never by a client's first use. Each topic has exactly one writing
 * service (single writer); the key of every record is the aggregate id (for topic events, the topic id).
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

    /** The internal topics: every event in full, read by the services only. */
    public static final List<String> ALL = List.of(DIRECTORY, BATCHES, TOPICS, CLAIMS, DISPATCH, RESOLUTIONS);

    /**
     * The public topics, one beside each internal one ({@code jiebang.public.topics} beside {@code jiebang.topics}):
     * what outside readers may see of its events ({@link PublicEvents}), written by the same service.
     */
    public static final List<String> PUBLIC = ALL.stream().map(KafkaTopics::publicTopic).toList();

    /** The public topic beside an internal one. */
    public static String publicTopic(String internal) {
        if (!ALL.contains(internal)) {
            throw new IllegalArgumentException("no public topic beside " + internal);
        }
        return "jiebang.public." + internal.substring("jiebang.".length());
    }

    /**
     * Board changes from one console instance to all (internal to the console, not for other readers): one
     * partition, so its offsets order every change; kept a week, as an instance away longer rebuilds anyway.
     */
    public static final String CONSOLE_CHANGES = "jiebang.console.changes";

    /** Every service, each with its dead-letter topic. */
    public static final List<String> SERVICES = List.of("topic-service", "claim-service", "dispatch-service",
            "resolution-service", "notification-service", "console");

    /**
     * A topic as it is created.
     *
     * @param partitions a fixed count, or null for the deployment's (JIEBANG_KAFKA_PARTITIONS): how many instances
     *                   of a service can share the reading
     * @param retention how long records are kept, or null for ever
     */
    public record Declaration(String name, Integer partitions, Duration retention) {
    }

    /** Every topic the board uses. The internal and public topics keep their records for ever: a reader may start over. */
    public static List<Declaration> declarations() {
        List<Declaration> all = new ArrayList<>();
        ALL.forEach(topic -> all.add(new Declaration(topic, null, null)));
        PUBLIC.forEach(topic -> all.add(new Declaration(topic, null, null)));
        SERVICES.forEach(service -> all.add(new Declaration(deadLetter(service), 1, null)));
        all.add(new Declaration(CONSOLE_CHANGES, 1, Duration.ofDays(7)));
        return List.copyOf(all);
    }

    /**
     * The dead-letter topic of the service writing an event (in {@link EventCatalog}: the dead-letter events, each
     * on the dead-letter topic of the service that owns the dead letter).
     */
    public static final String DEAD_LETTERS = "jiebang.dlt.<service>";

    /**
     * Where a service sends what it cannot process, with the reason in the record's headers, and records what became
     * of it ({@code DeadLetterReplayed}, {@code DeadLetterDiscarded}); the service is its single writer.
     */
    public static String deadLetter(String service) {
        return "jiebang.dlt." + service;
    }

    private KafkaTopics() {
    }
}
