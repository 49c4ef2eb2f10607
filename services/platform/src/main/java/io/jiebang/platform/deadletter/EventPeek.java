package io.jiebang.platform.deadletter;

import io.jiebang.events.EventCatalog;
import io.jiebang.events.EventType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The id and type of a record that may not be a readable event, as far as they can be read; nulls otherwise. A type
 * the board knows is given by the board's own name (as operators see it everywhere else), an unknown one as it came.
 */
public record EventPeek(String id, String type) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static EventPeek of(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            String type = text(node, "type");
            return new EventPeek(text(node, "id"), type == null ? null
                    : EventCatalog.byWireType(type).map(EventType::name).orElse(type));
        } catch (RuntimeException unreadable) {
            return new EventPeek(null, null);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
