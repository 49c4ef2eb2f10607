package io.jiebang.notification.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one event says to one recipient. At most one per event and recipient: its id is {@code <eventId>:<recipient>}.
 *
 * @param fields the few facts a reader needs beside the title, by the event's own field names (the level and reason of
 *        an escalation, the percent of a report, the outcome of an evaluation, the ruling of an appeal...): strings,
 *        numbers, booleans or lists of strings, in a fixed order
 */
public record Notification(String id, String recipient, String eventId, String eventType, String topicId, String title,
                           int round, Map<String, Object> fields, Instant occurredAt) {

    public Notification {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static String idOf(String eventId, String recipient) {
        return eventId + ":" + recipient;
    }
}
