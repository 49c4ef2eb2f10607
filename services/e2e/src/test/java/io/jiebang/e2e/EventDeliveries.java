package io.jiebang.e2e;

import io.jiebang.devstack.ServiceSpec;
import io.jiebang.events.EventCatalog;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.KafkaTopics;
import io.jiebang.events.TopicEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether every event of every type reached each service that must hold it, once, and in its producer's order.
 * Who must hold what is the events table of docs/events.md (its "consumers" column), the same page the services
 * are held to, so an event type added there is counted here without a change. A service reader holds an event in
 * its own store, recorded as external; the console holds a topic's events on that topic's timeline in the read
 * model (the directory's and batches' events it keeps as views, not as events, so those are not counted there).
 */
final class EventDeliveries {

    /** A row of the events table: `Type` | `kafka topic` | key | producer | consumers | meaning. */
    private static final Pattern EVENT_ROW =
            Pattern.compile("^\\| `(\\w+)` \\| `[^`]+` \\| [^|]+ \\| [^|]+ \\| ([^|]+) \\|", Pattern.MULTILINE);

    /**
     * One look at the whole system after a fault's window.
     *
     * @param writtenByType   events the owning services stored since the previous look, per type
     * @param due             (event, reader) pairs over every event stored so far: a replay may duplicate an old one
     * @param deliveredOnce   of those, held exactly once
     * @param duplicates      extra copies: an event held twice by one stream of a reader, or twice on a timeline
     * @param losses          pairs where the reader does not hold the event at all
     * @param orderViolations external events stored after a later event of the same producer's aggregate
     * @param where           what went wrong where, e.g. "dispatch-service lost ClaimAwarded" -> 2, for the log
     */
    record Check(Map<String, Long> writtenByType, long due, long deliveredOnce, long duplicates, long losses,
                 long orderViolations, Map<String, Long> where) {

        long written() {
            return writtenByType.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Map<String, List<String>> readersByType;
    private final Set<String> seenBefore = new HashSet<>();

    private EventDeliveries(Map<String, List<String>> readersByType) {
        this.readersByType = readersByType;
    }

    /** The readers of each event type as docs/events.md lists them; every type of the catalog must be there. */
    static EventDeliveries fromCatalogPage(Path eventsPage) {
        String page;
        try {
            page = Files.readString(eventsPage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> readers = new HashMap<>();
        Matcher row = EVENT_ROW.matcher(page);
        while (row.find()) {
            // "operators" (the dead-letter events) and the like are people, not services holding the event
            readers.put(row.group(1), Arrays.stream(row.group(2).split(",")).map(String::strip)
                    .filter(KafkaTopics.SERVICES::contains).toList());
        }
        List<String> missing = EventCatalog.ALL.stream().map(type -> type.name()).filter(name -> !readers.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(eventsPage + " lists no readers for " + missing + ": has its events table changed shape?");
        }
        return new EventDeliveries(Map.copyOf(readers));
    }

    Check check(Stores.Snapshot snapshot) {
        Map<String, Map<String, Map<String, Integer>>> heldByReader = new HashMap<>();
        snapshot.services().forEach((spec, events) -> heldByReader.put(spec.name(), externalCopiesPerStream(events)));
        Map<String, Integer> onTimelines = new HashMap<>();
        snapshot.readModel().values().forEach(timeline -> timeline.forEach(e -> onTimelines.merge(e.eventId(), 1, Integer::sum)));

        Map<String, Long> written = new TreeMap<>();
        Map<String, Long> where = new TreeMap<>();
        long due = 0;
        long once = 0;
        long duplicates = 0;
        long losses = 0;
        for (EventEnvelope event : ownEvents(snapshot)) {
            if (seenBefore.add(event.eventId())) {
                written.merge(event.type(), 1L, Long::sum);
            }
            for (String reader : readersByType.getOrDefault(event.type(), List.of())) {
                boolean console = reader.equals(ServiceSpec.CONSOLE.name());
                if (console && !(event.data() instanceof TopicEvent)) {
                    continue;
                }
                // Copies per place it is held: a reader's stream (claim-service records a batch's closing in each of
                // the batch's topics: once per stream), or the topic's timeline.
                List<Integer> copies = console
                        ? onTimelines.containsKey(event.eventId()) ? List.of(onTimelines.get(event.eventId())) : List.of()
                        : List.copyOf(heldByReader.getOrDefault(reader, Map.of()).getOrDefault(event.eventId(), Map.of()).values());
                due++;
                long extra = copies.stream().mapToLong(n -> n - 1).sum();
                duplicates += extra;
                if (copies.isEmpty()) {
                    losses++;
                    where.merge(reader + " lost " + event.type(), 1L, Long::sum);
                } else if (extra > 0) {
                    where.merge(reader + " twice " + event.type(), 1L, Long::sum);
                } else {
                    once++;
                }
            }
        }
        long violations = orderViolations(snapshot, where);
        return new Check(written, due, once, duplicates, losses, violations, where);
    }

    /** Every event the owning services wrote, each once (from its writer's store, where it is not external). */
    private static List<EventEnvelope> ownEvents(Stores.Snapshot snapshot) {
        Map<String, EventEnvelope> own = new LinkedHashMap<>();
        snapshot.services().values().forEach(events -> events.stream().filter(e -> !e.external())
                .forEach(e -> own.putIfAbsent(e.envelope().eventId(), e.envelope())));
        return List.copyOf(own.values());
    }

    /** For each external event a service holds: how many times in each of its streams. */
    private static Map<String, Map<String, Integer>> externalCopiesPerStream(List<Stores.StoredEvent> events) {
        Map<String, Map<String, Integer>> copies = new HashMap<>();
        events.stream().filter(Stores.StoredEvent::external).forEach(e -> copies
                .computeIfAbsent(e.envelope().eventId(), id -> new HashMap<>()).merge(e.stream(), 1, Integer::sum));
        return copies;
    }

    /**
     * Each producer publishes an aggregate's events in its sequence order, to one partition, so every reader must
     * store them in that order: in each stream of a reader's store (by commit) and on each topic's timeline, an event
     * whose sequence is below one already stored from the same producer's aggregate went back in time.
     */
    private static long orderViolations(Stores.Snapshot snapshot, Map<String, Long> where) {
        long violations = 0;
        for (Map.Entry<ServiceSpec, List<Stores.StoredEvent>> service : snapshot.services().entrySet()) {
            Map<String, Map<String, Long>> highestPerStream = new HashMap<>();
            for (Stores.StoredEvent stored : service.getValue()) {
                if (stored.external() && wentBack(highestPerStream.computeIfAbsent(stored.stream(), s -> new HashMap<>()),
                        stored.envelope())) {
                    violations++;
                    where.merge(service.getKey().name() + " out of order " + stored.envelope().type(), 1L, Long::sum);
                }
            }
        }
        for (List<EventEnvelope> timeline : snapshot.readModel().values()) {
            Map<String, Long> highest = new HashMap<>();
            for (EventEnvelope event : timeline) {
                if (wentBack(highest, event)) {
                    violations++;
                    where.merge("console out of order " + event.type(), 1L, Long::sum);
                }
            }
        }
        return violations;
    }

    /** Whether the event comes after a later one of its producer's aggregate; remembers the highest sequence seen. */
    private static boolean wentBack(Map<String, Long> highestByProducerStream, EventEnvelope event) {
        String producerStream = event.source() + " " + event.aggregateId();
        Long highest = highestByProducerStream.get(producerStream);
        highestByProducerStream.merge(producerStream, event.sequence(), Math::max);
        return highest != null && event.sequence() < highest;
    }
}
