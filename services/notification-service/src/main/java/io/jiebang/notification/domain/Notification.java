package io.jiebang.notification.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one event says to one recipient. At most one per event and recipient: its id is {@code <eventId>:<recipient>}.
 * Most are about a topic; a batch's periodic digest ({@link NotificationRules#DIGEST}) is about no topic: its
 * {@code topicId} and {@code title} are null, its {@code round} 0, and its fields name the batch and the period.
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

    /**
     * The console's page it is about, as a route of the console ({@code #/…}): the period's digest of a batch
     * ({@code #/digests?batch=<batchId>&period=<n>}), else the topic's page ({@code #/topics/<topicId>}).
     */
    public String page() {
        if (NotificationRules.DIGEST.equals(eventType)) {
            return "#/digests?batch=" + encoded(String.valueOf(fields.get("batchId"))) + "&period=" + fields.get("period");
        }
        return "#/topics/" + encoded(topicId);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
