package io.jiebang.events;

/**
 * A readable CloudEvent whose type is not in the {@link EventCatalog}: no service of this board can handle it, so a
 * consumer dead-letters it (reason "unknown event type") instead of skipping it silently.
 */
public class UnknownEventTypeException extends MalformedEventException {

    private final String type;

    public UnknownEventTypeException(String type, String eventId) {
        super("unknown event type " + type + " (event " + eventId + ")");
        this.type = type;
    }

    public String type() {
        return type;
    }
}
