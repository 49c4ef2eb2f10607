package io.jiebang.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a reader of the older schema would trip over in the newer one (docs/events.md, "Versioning"): compared field
 * by field, into nested objects and array items. Written here because the rules are the board's own policy, not a
 * general notion of schema compatibility that a library offers.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    static void compare(String where, JsonNode old, JsonNode now, List<String> broken) {
        compareObject(where, "", old, now, broken);
        // Records used in more than one place are defined once and referred to.
        old.path("$defs").properties().forEach(definition -> compareValue(where, "$defs." + definition.getKey(),
                definition.getValue(), now.path("$defs").path(definition.getKey()), broken));
    }

    private static void compareObject(String where, String path, JsonNode old, JsonNode now, List<String> broken) {
        Set<String> wasRequired = strings(old.path("required"));
        Set<String> isRequired = strings(now.path("required"));
        JsonNode newProperties = now.path("properties");
        old.path("properties").properties().forEach(property -> {
            String name = path + property.getKey();
            JsonNode after = newProperties.get(property.getKey());
            if (after == null) {
                broken.add(where + ": " + name + " was removed");
                return;
            }
            if (wasRequired.contains(property.getKey()) && !isRequired.contains(property.getKey())) {
                broken.add(where + ": " + name + " is no longer always there");
            }
            compareValue(where, name, property.getValue(), after, broken);
        });
        newProperties.properties().forEach(property -> {
            if (!old.path("properties").has(property.getKey()) && isRequired.contains(property.getKey())) {
                broken.add(where + ": " + path + property.getKey() + " is new and required");
            }
        });
    }

    private static void compareValue(String where, String name, JsonNode old, JsonNode now, List<String> broken) {
        Set<String> oldTypes = types(old);
        Set<String> newTypes = types(now);
        oldTypes.remove("null");
        newTypes.remove("null");
        if (!oldTypes.equals(newTypes)) {
            broken.add(where + ": " + name + " changed type from " + String.join("|", oldTypes) + " to " + String.join("|", newTypes));
            return;
        }
        if (!old.path("format").asString("").equals(now.path("format").asString(""))) {
            broken.add(where + ": " + name + " changed format");
        }
        if (old.has("enum")) {
            Set<String> dropped = strings(old.get("enum"));
            dropped.removeAll(strings(now.path("enum")));
            dropped.remove("null");
            if (!dropped.isEmpty()) {
                broken.add(where + ": " + name + " drops enum values " + new ArrayList<>(new java.util.TreeSet<>(dropped)));
            }
        }
        if (old.has("properties")) {
            compareObject(where, name + ".", old, now, broken);
        }
        if (old.has("items")) {
            compareValue(where, name + "[]", old.get("items"), now.path("items"), broken);
        }
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        return type.isArray() ? strings(type) : new HashSet<>(type.isMissingNode() ? List.of() : List.of(type.asString()));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.isNull() ? "null" : value.asString()));
        return values;
    }
}
