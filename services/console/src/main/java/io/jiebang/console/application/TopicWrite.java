package io.jiebang.console.application;

import java.util.List;

/**
 * What one topic's events of a poll change in the read model, written at once: its record after them, the
 * timeline pages they filled, and how many events at the end of its tail are new since it was read.
 */
public record TopicWrite(TopicRecord record, List<Page> fullPages, int newInTail) {

    /** Page {@code number} of the timeline, full ({@link TopicRecord#PAGE} events as stored). */
    public record Page(int number, List<String> events) {
    }

    /** Whether the stored tail only needs the new events added at its end (no page filled, the tail not new). */
    public boolean onlyAppends() {
        return fullPages.isEmpty() && newInTail < record.tail().size();
    }
}
