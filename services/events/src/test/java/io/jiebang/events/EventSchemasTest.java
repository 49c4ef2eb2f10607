package io.jiebang.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published schemas (docs/schemas) are the ones generated from the records, describe every field, accept every
 * event as it is written, and only extend those of the last release (schemas-released). After a change to an event,
 * regenerate with {@code mvn -pl services/events test -Dcontracts.write=true} and review the diff; a change this test
 * calls breaking needs a new version of the type (docs/events.md, "Versioning").
 */
class EventSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EventSchemas SCHEMAS = new EventSchemas();

    @TestFactory
    Stream<DynamicTest> eachTypeHasItsGeneratedSchemaPublished() {
        return EventCatalog.ALL.stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            String generated = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(SCHEMAS.schemaOf(type)) + "\n";
            Path published = EventSchemas.fileOf(EventSchemas.PUBLISHED, type);
            if (Boolean.getBoolean("contracts.write")) {
                Files.createDirectories(EventSchemas.PUBLISHED);
                Files.writeString(published, generated);
            }
            if (!Files.exists(published)) {
                fail("no published schema " + published + ": run with -Dcontracts.write=true and review it");
            }
            assertThat(Files.readString(published)).as(published + " is not what the record generates: regenerate")
                    .isEqualTo(generated);
        }));
    }

    @Test
    void everyTypeAndFieldIsDescribed() {
        EventCatalog.ALL.forEach(SCHEMAS::schemaOf);
        assertThat(SCHEMAS.undescribed()).as("add them to event-fields.properties (or the type to docs/events.md)").isEmpty();
    }

    @Test
    void noSchemaIsPublishedForATypeThatIsNotInTheCatalog() throws IOException {
        Set<String> expected = EventCatalog.ALL.stream().map(type -> EventSchemas.fileOf(EventSchemas.PUBLISHED, type)
                .getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.list(EventSchemas.PUBLISHED)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList())
                    .containsExactlyElementsOf(expected);
        }
    }

    /** Each type's sample, as EventContractTest pins it, is valid; and a wrong type or a missing required field is not. */
    @TestFactory
    Stream<DynamicTest> eachEventAsWrittenIsValidAgainstItsSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return EventCatalog.ALL.stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            Schema schema = registry.getSchema(Files.readString(EventSchemas.fileOf(EventSchemas.PUBLISHED, type)), InputFormat.JSON);
            EventEnvelope envelope = EventEnvelope.wrap(EventContractTest.sample(type.javaType()), 1, Instant.EPOCH, "/test",
                    Actor.SYSTEM, "c", null);
            String data = JSON.readTree(EventCodec.encode(envelope)).get("data").toString();
            assertThat(schema.validate(data, InputFormat.JSON)).as(type.name()).isEmpty();
            JsonNode wrong = JSON.readTree(data);
            String first = wrong.propertyNames().iterator().next();
            ((tools.jackson.databind.node.ObjectNode) wrong).set(first, JSON.createArrayNode());
            assertThat(schema.validate(wrong.toString(), InputFormat.JSON)).as(type.name() + " with " + first + " as an array")
                    .isNotEmpty();
        }));
    }

    /**
     * Against the last release: no type version gone, no field removed or retyped, no enum value dropped, no field
     * that was always there made optional, no new field required (older events lack it).
     */
    @Test
    void noChangeBreaksTheLastRelease() throws IOException {
        List<String> broken = new ArrayList<>();
        try (Stream<Path> released = Files.list(EventSchemas.RELEASED)) {
            for (Path old : released.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Path now = EventSchemas.PUBLISHED.resolve(old.getFileName());
                if (!Files.exists(now)) {
                    broken.add(old.getFileName() + ": the type version is gone");
                    continue;
                }
                SchemaCompatibility.compare(old.getFileName().toString(), JSON.readTree(Files.readString(old)),
                        JSON.readTree(Files.readString(now)), broken);
            }
        }
        assertThat(broken).as("breaking changes: make a new version of the type instead").isEmpty();
    }

    @Test
    void theCompatibilityCheckSeesEachKindOfBreakingChange() {
        JsonNode old = JSON.readTree("""
                {"type":"object","required":["a","b"],"properties":{"a":{"type":"string"},"b":{"type":"string","enum":["X","Y"]},
                 "c":{"type":"integer"},"d":{"type":["string","null"]}}}""");
        JsonNode changed = JSON.readTree("""
                {"type":"object","required":["b","e"],"properties":{"a":{"type":"string"},"b":{"type":"string","enum":["X"]},
                 "c":{"type":"string"},"e":{"type":"string"}}}""");
        List<String> broken = new ArrayList<>();
        SchemaCompatibility.compare("T.v1.json", old, changed, broken);
        assertThat(broken).containsExactlyInAnyOrder("T.v1.json: a is no longer always there",
                "T.v1.json: b drops enum values [Y]", "T.v1.json: c changed type from integer to string",
                "T.v1.json: d was removed", "T.v1.json: e is new and required");
        List<String> fine = new ArrayList<>();
        SchemaCompatibility.compare("T.v1.json", old, JSON.readTree("""
                {"type":"object","required":["a","b"],"properties":{"a":{"type":"string"},"b":{"type":"string","enum":["X","Y","Z"]},
                 "c":{"type":"integer"},"d":{"type":["string","null"]},"f":{"type":["string","null"]}}}"""), fine);
        assertThat(fine).isEmpty();
    }
}
