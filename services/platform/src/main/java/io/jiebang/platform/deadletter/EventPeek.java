package io.jiebang.platform.deadletter;

import io.jiebang.events.Districts;
import io.jiebang.events.EventCatalog;
import io.jiebang.events.EventType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The id, type and district of a record that may not be a readable event, as far as they can be read; nulls
 * otherwise. A type the board knows is given by the board's own name (as operators see it everywhere else), an unknown
 * one as it came; an event without a district is the first district's ({@link Districts#FIRST}).
 */
public record EventPeek(String id, String type, String district) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static EventPeek of(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            String type = text(node, "type");
            String id = text(node, "id");
            String district = text(node, "district");
            return new EventPeek(id, type == null ? null : EventCatalog.byWireType(type).map(EventType::name).orElse(type),
                    district != null ? district : id != null ? Districts.FIRST : null);
        } catch (RuntimeException unreadable) {
            return new EventPeek(null, null, null);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
