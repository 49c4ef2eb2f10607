package io.jiebang.console.application;

import io.jiebang.console.readmodel.TopicBoard;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the board keeps about one topic: its view, and what the next event needs, so that applying it costs
 * the same however long the topic's history.
 * <ul>
 *   <li>{@code tail}: the newest events (their CloudEvents JSON, as stored), at most {@link #PAGE}; older ones are in {@code pages} full pages
 *       stored apart. Together they are the timeline, and what the view is refolded from when an event
 *       arrives that happened before the latest one applied.</li>
 *   <li>{@code seen}: per producer, the highest sequence applied. Each service publishes a topic's events
 *       from one stream, in order, to one partition, so anything at or below it is a redelivery.</li>
 *   <li>{@code latest}: the last applied event in {@link TopicBoard#HAPPENED} order.</li>
 * </ul>
 */
public record TopicRecord(String id, TopicView view, List<String> tail, int pages, Map<String, Long> seen,
                          Happened latest) {

    /** Events per timeline page: a topic's document stays small however long the topic lives. */
    public static final int PAGE = 50;

    /** Where an event stands in {@link TopicBoard#HAPPENED} order. */
    public record Happened(Instant at, String source, long sequence) {

        static final Comparator<Happened> ORDER = Comparator.comparing(Happened::at)
                .thenComparing(Happened::source).thenComparingLong(Happened::sequence);

        static Happened of(EventEnvelope event) {
            return new Happened(event.occurredAt(), event.source() == null ? "" : event.source(), event.sequence());
        }
    }

    public static TopicRecord empty(String id) {
        return new TopicRecord(id, null, List.of(), 0, Map.of(), null);
    }

    public boolean hasSeen(EventEnvelope event) {
        return seen.getOrDefault(sourceOf(event), 0L) >= event.sequence();
    }

    /** Whether the event happened after everything applied so far, so it can simply be applied on top. */
    public boolean isLatest(EventEnvelope event) {
        return latest == null || Happened.ORDER.compare(Happened.of(event), latest) >= 0;
    }

    /** How many events the timeline has: the full pages and the tail. */
    public int size() {
        return pages * PAGE + tail.size();
    }

    /** Whether the tail is full, so the next event starts a new page and the tail is stored as page {@link #pages}. */
    public boolean tailFull() {
        return tail.size() >= PAGE;
    }

    /** After the event: the new view, the event on the timeline, the watermarks moved. */
    public TopicRecord with(TopicView next, EventEnvelope event) {
        List<String> newTail = new ArrayList<>(tailFull() ? List.of() : tail);
        newTail.add(EventCodec.encodeToString(event));
        Map<String, Long> newSeen = new HashMap<>(seen);
        newSeen.merge(sourceOf(event), event.sequence(), Math::max);
        Happened happened = Happened.of(event);
        Happened newLatest = latest == null || Happened.ORDER.compare(happened, latest) > 0 ? happened : latest;
        return new TopicRecord(id, next, List.copyOf(newTail), tailFull() ? pages + 1 : pages, Map.copyOf(newSeen),
                newLatest);
    }

    private static String sourceOf(EventEnvelope event) {
        return event.source() == null ? "" : event.source();
    }
}
