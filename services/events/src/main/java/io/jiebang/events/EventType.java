package io.jiebang.events;

/**
 * One registered event: its name and version on the wire, its record, and the Kafka topic it travels on.
 * A breaking change to the record gets a new version (and a new entry); additive changes keep the version.
 */
public record EventType<E extends DomainEvent>(String name, int version, Class<E> javaType, String kafkaTopic) {

    /** The CloudEvents {@code dataschema} naming this type and version. */
    public String dataSchema() {
        return "urn:jiebang:event:" + name + ":" + version;
    }
}
