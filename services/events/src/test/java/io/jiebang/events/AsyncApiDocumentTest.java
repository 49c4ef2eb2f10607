package io.jiebang.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/asyncapi.yaml is the document the code generates ({@link AsyncApiDocument}): every channel and message of it,
 * word for word. After a change to an event, a topic or the envelope, regenerate with
 * {@code mvn -pl services/events test -Dcontracts.write=true} and review the diff. The other tests read the published
 * document and hold it to the catalog directly; make test has the AsyncAPI CLI validate it
 * (deploy/setup/asyncapi-cli.sh).
 */
class AsyncApiDocumentTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** With -Dcontracts.write=true, the document is written before any test reads it. */
    @BeforeAll
    static void writeWhenAsked() throws IOException {
        if (Boolean.getBoolean("contracts.write")) {
            Files.writeString(AsyncApiDocument.PUBLISHED, new AsyncApiDocument().yaml());
        }
    }

    @Test
    void thePublishedDocumentIsTheOneTheCodeGenerates() throws IOException {
        String generated = new AsyncApiDocument().yaml();
        if (!Files.exists(AsyncApiDocument.PUBLISHED)) {
            fail("no " + AsyncApiDocument.PUBLISHED + ": run with -Dcontracts.write=true and review it");
        }
        String published = Files.readString(AsyncApiDocument.PUBLISHED);
        List<String> differences = new ArrayList<>();
        differences("", YAML.readTree(generated), YAML.readTree(published), differences);
        assertThat(differences).as("docs/asyncapi.yaml and the catalog disagree (regenerate with -Dcontracts.write=true "
                + "and review the diff)").isEmpty();
        assertThat(published).as("docs/asyncapi.yaml is laid out otherwise than generated: regenerate it").isEqualTo(generated);
    }

    @Test
    void everyTypeIsAMessageOnItsTopicAndOnThePublicOneUnlessWithheld() {
        JsonNode doc = published();
        for (EventType<?> type : EventCatalog.ALL) {
            JsonNode message = doc.path("components").path("messages").path(type.name());
            assertThat(message.isObject()).as(type.name() + " is a message").isTrue();
            assertThat(message.path("name").asString()).isEqualTo(type.name());
            JsonNode own = message.path("payload").path("allOf").path(1).path("properties");
            assertThat(own.path("type").path("const").asString()).as(type.name()).isEqualTo(type.cloudEventType());
            assertThat(own.path("data").path("$ref").asString()).isEqualTo("./schemas/" + type.schemaFile());
            assertThat(AsyncApiDocument.SCHEMAS.resolve(type.schemaFile())).exists();
            if (type.kafkaTopic().equals(KafkaTopics.DEAD_LETTERS)) {
                KafkaTopics.SERVICES.forEach(service -> assertThat(messagesOn(doc, KafkaTopics.deadLetter(service)))
                        .as(KafkaTopics.deadLetter(service)).contains(type.name()));
                continue;
            }
            assertThat(messagesOn(doc, type.kafkaTopic())).as(type.kafkaTopic()).contains(type.name());
            boolean copied = AsyncApiDocument.publicCopy(type).isPresent();
            assertThat(messagesOn(doc, KafkaTopics.publicTopic(type.kafkaTopic())).contains(type.name()))
                    .as(type.name() + " on " + KafkaTopics.publicTopic(type.kafkaTopic())).isEqualTo(copied);
        }
        // What PublicEvents withholds, as the board's rules say (docs/events.md, Internal and public topics).
        assertThat(messagesOn(doc, "jiebang.public.topics")).containsExactly("TopicPublished");
        assertThat(messagesOn(doc, "jiebang.topics")).containsExactly("TopicPosted", "TopicPublished");
        assertThat(messagesOn(doc, "jiebang.directory")).contains("StaffInvited", "StaffDeactivated");
        assertThat(messagesOn(doc, "jiebang.public.directory")).containsExactly("DistrictRegistered", "OrgRegistered", "OrgRenamed",
                "OrgMoved", "OrgRetired", "CategoryDefined");
        assertThat(messagesOn(doc, "jiebang.public.claims")).contains("ClaimSubmitted", "ClaimAwarded");
        assertThat(description(doc, "jiebang.public.claims")).contains("ClaimSubmitted without plan");
        assertThat(description(doc, "jiebang.public.resolutions")).contains("EvaluationVoteCast without comment");
        assertThat(messagesOn(doc, "jiebang.dlt.claim-service")).containsExactly("DeadLetterReplayed",
                "DeadLetterDiscarded", AsyncApiDocument.DEAD_LETTERED_RECORD);
        assertThat(messagesOn(doc, "jiebang.dlt.topic-service")).as("topic-service consumes nothing")
                .containsExactly("DeadLetterReplayed", "DeadLetterDiscarded");
        KafkaTopics.PUBLIC.forEach(topic -> assertThat(messagesOn(doc, topic)).as(topic)
                .doesNotContain("TopicPosted", "StaffInvited", "StaffCredentialsReset", "StaffMoved", "StaffDeactivated",
                        "DeadLetterReplayed", "DeadLetterDiscarded"));
        Set<String> onChannels = new TreeSet<>();
        doc.path("channels").forEach(channel -> onChannels.addAll(channel.path("messages").propertyNames()));
        assertThat(onChannels).as("every message is on a channel")
                .containsExactlyInAnyOrderElementsOf(doc.path("components").path("messages").propertyNames());
    }

    @Test
    void everyDeclaredTopicIsAChannelWithItsPartitionsAndRetentionButTheConsolesOwn() {
        JsonNode doc = published();
        for (KafkaTopics.Declaration declared : KafkaTopics.declarations()) {
            JsonNode channel = channel(doc, declared.name());
            if (declared.name().equals(KafkaTopics.CONSOLE_CHANGES)) {
                assertThat(channel.isMissingNode()).as("the console's own topic is no contract").isTrue();
                continue;
            }
            assertThat(channel.path("address").asString()).isEqualTo(declared.name());
            JsonNode kafka = channel.path("bindings").path("kafka");
            assertThat(kafka.path("topic").asString()).isEqualTo(declared.name());
            assertThat(kafka.path("partitions").asInt()).as(declared.name())
                    .isEqualTo(declared.partitions() == null ? 3 : declared.partitions());
            assertThat(kafka.path("topicConfiguration").path("retention.ms").asLong()).as(declared.name())
                    .isEqualTo(declared.retention() == null ? -1 : declared.retention().toMillis());
            assertThat(doc.path("operations").path("send-" + AsyncApiDocument.channelId(declared.name()))
                    .path("action").asString()).as("the writer of " + declared.name()).isEqualTo("send");
        }
        assertThat(doc.path("channels").size()).isEqualTo(KafkaTopics.declarations().size() - 1);
        assertThat(doc.path("channels").toString()).doesNotContain(KafkaTopics.CONSOLE_CHANGES);
    }

    @Test
    void theServersAreMakeRunsBrokerAndAClusterOverSaslSslWithScram() {
        JsonNode servers = published().path("servers");
        assertThat(servers.path("local").path("host").asString()).isEqualTo("localhost:9092");
        assertThat(servers.path("local").path("protocol").asString()).isEqualTo("kafka");
        assertThat(servers.path("local").has("security")).isFalse();
        assertThat(servers.path("production").path("protocol").asString()).isEqualTo("kafka-secure");
        assertThat(servers.path("production").path("security").path(0).path("$ref").asString())
                .isEqualTo("#/components/securitySchemes/scramSha512");
        assertThat(published().path("components").path("securitySchemes").path("scramSha512").path("type").asString())
                .isEqualTo("scramSha512");
    }

    /** Each message's payload, with its references resolved, takes every event as written and its public copy. */
    @TestFactory
    Stream<DynamicTest> eachPayloadTakesTheEventAsTheCodecWritesIt() {
        JsonNode doc = published();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return EventCatalog.ALL.stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            JsonNode payload = resolved(doc, doc.path("components").path("messages").path(type.name()).path("payload"));
            Schema schema = registry.getSchema(payload);
            EventEnvelope written = EventEnvelope.wrap(EventContractTest.sample(type.javaType()), 7,
                    java.time.Instant.parse("2026-03-01T08:00:00Z"), "/jiebang/claim-service",
                    new Actor("u-1", "dept-01", Actor.Role.STAFF), "corr-1", "cause-1", 3, Map.of("/jiebang/topic-service", 2L), "d2");
            JsonNode wire = JSON.readTree(EventCodec.encode(written));
            assertThat(schema.validate(wire)).as(type.name()).isEmpty();
            Optional<EventEnvelope> copy = PublicEvents.publicCopy(written);
            if (copy.isPresent()) {
                assertThat(schema.validate(JSON.readTree(EventCodec.encode(copy.get())))).as("public " + type.name()).isEmpty();
            }
            EventEnvelope bare = AsyncApiDocument.sample(type, new Actor(null, null, Actor.Role.SYSTEM), null, null);
            assertThat(schema.validate(JSON.readTree(EventCodec.encode(bare)))).as("by the system " + type.name()).isEmpty();
            ObjectNode other = (ObjectNode) wire.deepCopy();
            other.put("type", "io.jiebang.something.else.v1");
            assertThat(schema.validate(other)).as("another type").isNotEmpty();
            ObjectNode noId = (ObjectNode) wire.deepCopy();
            noId.remove("id");
            assertThat(schema.validate(noId)).as("no id").isNotEmpty();
        }));
    }

    /** The readers are the services' inbox bindings; docs/events.md's topics table names the same. */
    @Test
    void theDocumentedReadersAreTheServicesBindings() {
        AsyncApiDocument document = new AsyncApiDocument();
        Map<String, Set<String>> bound = new TreeMap<>();
        KafkaTopics.ALL.forEach(topic -> bound.put(topic, new TreeSet<>(document.readersOf(topic))));
        assertThat(AsyncApiDocument.documentedReaders()).isEqualTo(bound);
        assertThat(document.readersOf("jiebang.public.claims")).containsExactly("notification-service");
    }

    private static JsonNode published() {
        return YAML.readTree(AsyncApiDocument.read(AsyncApiDocument.PUBLISHED));
    }

    private static JsonNode channel(JsonNode doc, String topic) {
        return doc.path("channels").path(AsyncApiDocument.channelId(topic));
    }

    /** A channel's description, its lines joined. */
    private static String description(JsonNode doc, String topic) {
        return channel(doc, topic).path("description").asString().replaceAll("\\s+", " ");
    }

    private static List<String> messagesOn(JsonNode doc, String topic) {
        return List.copyOf(channel(doc, topic).path("messages").propertyNames());
    }

    /** A schema of the document with its references replaced by what they name (components, docs/schemas files). */
    private static JsonNode resolved(JsonNode doc, JsonNode schema) {
        if (schema.isObject() && schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            if (ref.startsWith("#/")) {
                return resolved(doc, doc.at(ref.substring(1)));
            }
            return JSON.readTree(AsyncApiDocument.read(AsyncApiDocument.SCHEMAS.resolve(ref.substring("./schemas/".length()))));
        }
        if (schema.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            schema.properties().forEach(field -> copy.set(field.getKey(), resolved(doc, field.getValue())));
            return copy;
        }
        if (schema.isArray()) {
            var copy = JSON.createArrayNode();
            schema.forEach(item -> copy.add(resolved(doc, item)));
            return copy;
        }
        return schema;
    }

    /** Where two trees differ, by path: what the code generates against what is published. */
    private static void differences(String path, JsonNode generated, JsonNode published, List<String> out) {
        if (generated.isObject() && published.isObject()) {
            Set<String> names = new java.util.LinkedHashSet<>(generated.propertyNames());
            names.addAll(published.propertyNames());
            for (String name : names) {
                String at = path.isEmpty() ? name : path + "." + name;
                if (!published.has(name)) {
                    out.add(at + ": missing from docs/asyncapi.yaml");
                } else if (!generated.has(name)) {
                    out.add(at + ": in docs/asyncapi.yaml but not in the code");
                } else {
                    differences(at, generated.get(name), published.get(name), out);
                }
            }
        } else if (generated.isArray() && published.isArray() && generated.size() == published.size()) {
            for (int i = 0; i < generated.size(); i++) {
                differences(path + "[" + i + "]", generated.get(i), published.get(i), out);
            }
        } else if (!generated.equals(published)) {
            out.add(path + ": the code says " + abbreviated(generated) + ", docs/asyncapi.yaml " + abbreviated(published));
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
