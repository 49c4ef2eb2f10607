package io.jiebang.examples.rates;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * An analytics team's recount of a batch's four rates (docs/rules.md, "Rates") from the public topics alone:
 * <pre>
 * java -cp … io.jiebang.examples.rates.RatesFromEvents localhost:9092 &lt;batch id&gt; [as of, e.g. 2026-06-30T00:00:00Z]
 * </pre>
 * The rates as of an instant: a topic still open past its due date counts as late from then on.
 */
public final class RatesFromEvents {

    /** The public topics the rates are counted from; the directory, batches and dispatch are not needed. */
    public static final List<String> TOPICS = List.of("jiebang.public.topics", "jiebang.public.claims",
            "jiebang.public.resolutions");

    /** A rate as the stats endpoint gives it: numerator over denominator. */
    public record Rate(long numerator, long denominator) {
        @Override
        public String toString() {
            return numerator + "/" + denominator + (denominator == 0 ? "" : String.format(" (%.1f%%)", 100.0 * numerator / denominator));
        }
    }

    public record BatchRates(String batchId, int topics, Rate response, Rate resolution, Rate onTime, Rate satisfaction,
                             int unratedTopics) {
    }

    private RatesFromEvents() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: RatesFromEvents <bootstrap servers> <batch id> [as of (ISO instant), default now]");
            System.exit(2);
        }
        Properties connection = new Properties();
        connection.put("bootstrap.servers", args[0]);
        BatchRates rates = recount(connection, args[1], args.length > 2 ? Instant.parse(args[2]) : Instant.now());
        System.out.printf("batch %s, %d topics%n  response     %s%n  resolution   %s%n  on time      %s%n"
                        + "  satisfaction %s%n  closed unrated: %d%n", rates.batchId(), rates.topics(), rates.response(),
                rates.resolution(), rates.onTime(), rates.satisfaction(), rates.unratedTopics());
    }

    /** Reads the public topics to their end and counts the batch's rates as of {@code asOf}. */
    public static BatchRates recount(Properties connection, String batchId, Instant asOf) {
        Map<String, TopicTally> tallies = new LinkedHashMap<>();
        for (JsonNode event : PublicEvents.readAll(connection, TOPICS)) {
            tallies.computeIfAbsent(event.get("subject").asString(), TopicTally::new).apply(event);
        }
        List<TopicTally> batch = tallies.values().stream().filter(t -> batchId.equals(t.batchId)).toList();
        long resolved = count(batch, t -> t.resolved);
        return new BatchRates(batchId, batch.size(),
                new Rate(count(batch, t -> t.awardedThroughClaimInWindow), batch.size()),
                new Rate(resolved, count(batch, t -> t.everAwarded)),
                new Rate(count(batch, TopicTally::resolvedOnTime), resolved + count(batch, t -> t.openPastDue(asOf))),
                new Rate(batch.stream().mapToLong(TopicTally::satisfiedVotes).sum(),
                        batch.stream().mapToLong(TopicTally::votesCounted).sum()),
                (int) count(batch, t -> t.resolved && t.unrated));
    }

    private static long count(List<TopicTally> topics, Predicate<TopicTally> test) {
        return topics.stream().filter(test).count();
    }
}
