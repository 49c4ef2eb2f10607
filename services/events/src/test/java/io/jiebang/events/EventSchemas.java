package io.jiebang.events;

import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema (2020-12) of each event type's {@code data}, generated from its record with victools
 * jsonschema-generator: the fields and their types, enum values, which fields are required, and a description of the
 * type (the meaning column of docs/events.md) and of every field ({@code event-fields.properties}: by field name, or
 * by {@code <Record>.<field>} where one record means more; a description beginning with {@code (optional)} marks a
 * field that may be absent or null).
 */
final class EventSchemas {

    /** Where the schemas are published (the console serves them at each event's {@code dataschema}). */
    static final Path PUBLISHED = Path.of("../../docs/schemas");
    /** The schemas of the last release, which a change may only extend (see EventSchemasTest). */
    static final Path RELEASED = Path.of("src/test/resources/schemas-released");

    private static final String OPTIONAL = "(optional) ";
    private static final Pattern CATALOG_ROW = Pattern.compile("^\\| `(\\w+)` \\| `[\\w.<>]+` \\|[^|]*\\|[^|]*\\|[^|]*\\| (.+) \\|$",
            Pattern.MULTILINE);

    private final Properties fields = new Properties();
    private final Map<String, String> meanings = new HashMap<>();
    private final Set<String> undescribed = new TreeSet<>();
    private final SchemaGenerator generator;

    EventSchemas() {
        try (InputStream in = EventSchemas.class.getResourceAsStream("/event-fields.properties")) {
            fields.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            Matcher rows = CATALOG_ROW.matcher(Files.readString(Path.of("../../docs/events.md")));
            while (rows.find()) {
                meanings.put(rows.group(1), rows.group(2).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonSchemaModule());
        config.forFields().withDescriptionResolver(this::description);
        config.forFields().withNullableCheck(this::isOptional);
        config.forFields().withRequiredCheck(field -> !isOptional(field));
        this.generator = new SchemaGenerator(config.build());
    }

    ObjectNode schemaOf(EventType<?> type) {
        ObjectNode schema = generator.generateSchema(type.javaType());
        ObjectNode titled = schema.objectNode();
        titled.put("$schema", schema.get("$schema").asString());
        titled.put("$id", type.dataSchema());
        titled.put("title", type.name() + " v" + type.version());
        String meaning = meanings.get(type.name());
        if (meaning == null) {
            undescribed.add(type.name());
        }
        titled.put("description", (meaning == null ? "" : meaning) + ". Kafka topic: " + type.kafkaTopic()
                + " (and its public copy, if any); key: the event's subject.");
        schema.properties().forEach(entry -> {
            if (!entry.getKey().equals("$schema")) {
                titled.set(entry.getKey(), entry.getValue());
            }
        });
        return titled;
    }

    static Path fileOf(Path folder, EventType<?> type) {
        return folder.resolve(type.name() + ".v" + type.version() + ".json");
    }

    /** The types and fields that have no description yet, as {@code <Record>.<field>} (or the type's name). */
    Set<String> undescribed() {
        return undescribed;
    }

    private String description(FieldScope field) {
        String text = describe(field);
        if (text == null) {
            undescribed.add(key(field));
            return null;
        }
        return text.startsWith(OPTIONAL) ? text.substring(OPTIONAL.length()) + " (optional: may be absent or null)" : text;
    }

    private boolean isOptional(FieldScope field) {
        String text = describe(field);
        return text != null && text.startsWith(OPTIONAL) && !field.getType().isPrimitive();
    }

    private String describe(FieldScope field) {
        String specific = fields.getProperty(key(field));
        return specific != null ? specific : fields.getProperty(field.getDeclaredName());
    }

    private static String key(FieldScope field) {
        return field.getDeclaringType().getErasedType().getSimpleName() + "." + field.getDeclaredName();
    }
}
