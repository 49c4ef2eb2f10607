package io.jiebang.events;

import java.util.Locale;

/**
 * One registered event: its name and version, its record, and the Kafka topic it travels on. A breaking change to the
 * record gets a new version (and a new entry); additive changes keep the version (docs/events.md, "Versioning").
 *
 * @param name the board's own name of the type (e.g. {@code ClaimAwarded}): in the code, the console's timelines, the
 *             audit trail; on the wire the type is {@link #cloudEventType()}
 */
public record EventType<E extends DomainEvent>(String name, int version, Class<E> javaType, String kafkaTopic) {

    /** The schema's identity ({@code $id} of docs/schemas/{@link #schemaFile()}). */
    public String dataSchema() {
        return "urn:jiebang:event:" + name + ":" + version;
    }

    /** The file of its JSON Schema in docs/schemas, served by the console under {@code /schemas/events/}. */
    public String schemaFile() {
        return name + ".v" + version + ".json";
    }

    /**
     * The CloudEvents {@code type}: reverse-DNS, by the area the record lives in, with its version, e.g.
     * {@code ClaimAwarded} v1 is {@code io.jiebang.claim.awarded.v1} and {@code TopicAssigned} (an event of claiming)
     * {@code io.jiebang.claim.topic-assigned.v1}: the name in lower-case words joined by hyphens, without the area's
     * own name when it begins with it.
     */
    public String cloudEventType() {
        String packageName = javaType.getPackageName();
        String area = packageName.substring(packageName.lastIndexOf('.') + 1);
        String[] words = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).split("-");
        int start = 0;
        StringBuilder leading = new StringBuilder();
        for (int i = 0; i < words.length - 1; i++) {
            leading.append(words[i]);
            if (leading.toString().equals(area)) {
                start = i + 1;
                break;
            }
        }
        String rest = String.join("-", java.util.Arrays.copyOfRange(words, start, words.length));
        return "io.jiebang." + area + "." + rest + ".v" + version;
    }
}
