package io.jiebang.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * docs/asyncapi.yaml (AsyncAPI 3.0.0), generated from the code: a channel per Kafka topic of
 * {@link KafkaTopics#declarations()} (but the console's own, which is no contract) with its key, partitions and
 * retention; a message per {@link EventCatalog} type, its payload the CloudEvents envelope as {@link EventCodec} writes
 * it with the type's JSON Schema (docs/schemas, by a relative reference) as {@code data}; on each public topic the
 * types {@link PublicEvents} copies there, and what it leaves out; a {@code send} operation per topic for its writer
 * and a {@code receive} per service reading it.
 * <p>
 * What the code of this module does not say is taken from where it is said: each topic's writer and key, and each
 * event's key and meaning, from docs/events.md (which EventCatalogDocTest holds to the catalog); who reads a topic from
 * each service's inbox binding (its application.yml); the default partitions from jiebang-platform.yml; the
 * document's version from the latest entry of docs/events-changelog.md.
 */
final class AsyncApiDocument {

    /** Where the document is published. */
    static final Path PUBLISHED = Path.of("../../docs/asyncapi.yaml");
    /** The event schemas, referenced relative to the document. */
    static final Path SCHEMAS = Path.of("../../docs/schemas");
    static final String SCHEMAS_REF = "./schemas/";
    static final String KAFKA_BINDING_VERSION = "0.5.0";
    /** The message of a record a service could not process, on its dead-letter topic beside the two events. */
    static final String DEAD_LETTERED_RECORD = "DeadLetteredRecord";

    private static final Path DOCS = Path.of("../../docs");
    private static final Path SERVICES = Path.of("..");
    private static final String GENERATED = """
            # Generated from the code by services/events AsyncApiDocumentTest (EventCatalog, KafkaTopics, PublicEvents,
            # EventCodec): do not edit by hand. After a change there, regenerate and review the diff:
            #   mvn -pl services/events test -Dcontracts.write=true
            # make test validates it with the AsyncAPI CLI (deploy/setup/asyncapi-cli.sh).
            """;

    /** The headers of a record on a dead-letter topic, as the platform's DeadLetters writes them. */
    private static final Map<String, String> DEAD_LETTER_HEADERS = linked(
            "x-exception-message", "why it failed: the exception's message (\"unknown event type …\" for a type no "
                    + "service of the board knows)",
            "x-exception-fqcn", "the exception's class",
            "x-original-topic", "the Kafka topic it was consumed from",
            "x-original-partition", "its partition there",
            "x-original-offset", "its offset there",
            "x-failed-service", "the service that could not process it (the owner of this topic)");

    /** What each attribute of the envelope ({@link EventCodec.CloudEvent}) means. */
    private static final Map<String, String> ATTRIBUTES = linked(
            "specversion", "the CloudEvents version",
            "id", "the event's id (eventId), unique: consumers deduplicate by it; a type's new version published beside "
                    + "the old one carries the same id",
            "source", "the writing service, /jiebang/<service>: the single writer of the topic",
            "type", "which event and which version of its fields, reverse-DNS: io.jiebang.<area>.<name>.v<version> "
                    + "(docs/events.md, On the wire); records written before 2026-11-30 carry the board's own name "
                    + "(docs/events-changelog.md)",
            "subject", "the aggregate id, also the record's Kafka key: the topic (题目) for a topic's events",
            "time", "when it happened (occurredAt: business time)",
            "datacontenttype", "the media type of data",
            "dataschema", "where the console serves the type's JSON Schema (JIEBANG_SCHEMAS_URL, then "
                    + "<Name>.v<version>.json; the same files are in docs/schemas)",
            "eventversion", "the version of the type's fields, the v<version> of type (docs/events.md, Versioning)",
            "sequence", "the event's place in its subject's stream at the writing service, counting the other "
                    + "services' events that service recorded there too: increasing, with gaps; it tells redeliveries "
                    + "apart, position tells completeness",
            "actoruser", "the user who acted; never on the public topics",
            "actororg", "the organisation the user acted for; absent for the coordinator, residents and the system",
            "actorrole", "the actor's role",
            "correlationid", "the request or scheduled run the event belongs to: the events it caused share it",
            "causationid", "the id of the event that caused this one; absent for a user's command",
            "position", "the event's place among its subject's events written by its source, from 1 and without gaps: a "
                    + "reader that sees 6 after 4 knows 5 is missing (docs/events.md, Order and completeness); on the "
                    + "public topics topic-service's positions of a topic begin at 2 (1 is the draft); absent on events "
                    + "written before 2026-11-30",
            "seen", "for each other source, the position of the last of its events on this subject that the writer had "
                    + "applied when it wrote this one, as <source>=<position> pairs joined by commas: what this event "
                    + "may depend on, for merging the topics without clocks",
            "district", "the district (tenant, 区) the event belongs to: its subject's (docs/tenancy.md); absent on "
                    + "events written before districts existed, which belong to d1",
            "data", "the event's fields: the type's JSON Schema (docs/schemas/<Name>.v<version>.json)");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
    private static final Pattern TOPIC_ROW = Pattern.compile(
            "^\\| `(jiebang\\.\\w+)` \\| ([^|]+) \\| ([^|]+) \\| ([^|]+) \\|$", Pattern.MULTILINE);
    private static final Pattern EVENT_ROW = Pattern.compile(
            "^\\| `(\\w+)` \\| `[\\w.<>-]+` \\| ([^|]+) \\|[^|]*\\|[^|]*\\| (.+) \\|$", Pattern.MULTILINE);
    private static final Pattern CHANGELOG_ENTRY = Pattern.compile("^## (\\d{4}-\\d{2}-\\d{2})$", Pattern.MULTILINE);
    private static final Pattern DEFAULT_PARTITIONS = Pattern.compile("partitions: \\$\\{JIEBANG_KAFKA_PARTITIONS:(\\d+)}");
    private static final Actor STAFF = new Actor("u-1", "dept-01", Actor.Role.STAFF);
    /** The width descriptions are wrapped to. */
    private static final int WIDTH = 100;

    private final Map<String, String> writers = new LinkedHashMap<>();
    private final Map<String, String> topicKeys = new LinkedHashMap<>();
    private final Map<String, String> eventKeys = new LinkedHashMap<>();
    private final Map<String, String> meanings = new LinkedHashMap<>();
    private final Map<String, List<String>> readers = new LinkedHashMap<>();
    private final String version;
    private final int defaultPartitions;

    AsyncApiDocument() {
        String events = read(DOCS.resolve("events.md"));
        Matcher topics = TOPIC_ROW.matcher(events);
        while (topics.find()) {
            topicKeys.put(topics.group(1), topics.group(2).strip());
            writers.put(topics.group(1), topics.group(3).strip());
        }
        Matcher rows = EVENT_ROW.matcher(events);
        while (rows.find()) {
            eventKeys.put(rows.group(1), rows.group(2).strip());
            meanings.put(rows.group(1), rows.group(3).strip());
        }
        Matcher latest = CHANGELOG_ENTRY.matcher(read(DOCS.resolve("events-changelog.md")));
        if (!latest.find()) {
            throw new IllegalStateException("docs/events-changelog.md has no dated entry");
        }
        version = latest.group(1);
        Matcher partitions = DEFAULT_PARTITIONS.matcher(read(SERVICES.resolve("platform/src/main/resources/jiebang-platform.yml")));
        if (!partitions.find()) {
            throw new IllegalStateException("jiebang-platform.yml sets no default for JIEBANG_KAFKA_PARTITIONS");
        }
        defaultPartitions = Integer.parseInt(partitions.group(1));
        readers.putAll(inboxBindings());
        for (String topic : KafkaTopics.ALL) {
            if (!KafkaTopics.SERVICES.contains(writers.get(topic)) || !topicKeys.containsKey(topic)) {
                throw new IllegalStateException("docs/events.md names no writing service or key for " + topic);
            }
        }
    }

    /**
     * The document as it is published: a note that it is generated, then the YAML, each long description wrapped into
     * lines (a literal block; in the descriptions' CommonMark a line break within a paragraph is a space).
     */
    String yaml() {
        ObjectNode doc = build();
        wrapDescriptions(doc);
        return GENERATED + YAML.writeValueAsString(doc);
    }

    private static void wrapDescriptions(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode description = object.get("description");
            if (description != null && description.isString()) {
                object.put("description", wrapped(description.asString()));
            }
        }
        node.forEach(AsyncApiDocument::wrapDescriptions);
    }

    private static String wrapped(String text) {
        if (text.length() <= WIDTH && !text.contains("\n")) {
            return text;
        }
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.strip().split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(word);
            }
            lines.add(line.toString());
        }
        return String.join("\n", lines) + "\n";
    }

    ObjectNode build() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        doc.put("id", "urn:jiebang:events");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Jiebang events");
        info.put("version", version);
        info.put("description", String.join("\n", List.of(
                "Every event of the board on Kafka: the topics, who writes and who reads each, and every event's",
                "envelope and fields. Analytics teams start with the consumer's guide, docs/consuming-events.md; the",
                "catalog in prose is docs/events.md.",
                "",
                "Each record is a CloudEvents 1.0 event in structured mode: the record's value is the whole event as",
                "JSON (header content-type: " + EventCodec.CONTENT_TYPE + "), the record's key is the",
                "event's subject. The fields of each type's data are its JSON Schema in docs/schemas, referenced here",
                "and served by the console at the event's dataschema.",
                "",
                "Three kinds of channel: the internal topics (every event in full, read by the services only), the",
                "public topic beside each (what outside readers may see), and each service's dead-letter topic.",
                KafkaTopics.CONSOLE_CHANGES + ", the console's own topic between its instances, is left out on",
                "purpose: it is no contract for other readers.",
                "",
                "Generated from the code (services/events: EventCatalog, KafkaTopics, PublicEvents, EventCodec);",
                "AsyncApiDocumentTest fails when they and this document disagree. The version is the date of the",
                "latest entry in docs/events-changelog.md; each type has its own version (eventversion) under the",
                "versioning policy of docs/events.md.")) + "\n");
        doc.put("defaultContentType", "application/cloudevents+json");
        servers(doc.putObject("servers"));
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        for (KafkaTopics.Declaration topic : contractTopics()) {
            channels.set(channelId(topic.name()), channel(topic));
        }
        for (KafkaTopics.Declaration topic : contractTopics()) {
            operations(operations, topic.name());
        }
        components(doc.putObject("components"));
        return doc;
    }

    /** Every declared topic but the console's own. */
    static List<KafkaTopics.Declaration> contractTopics() {
        return KafkaTopics.declarations().stream().filter(d -> !d.name().equals(KafkaTopics.CONSOLE_CHANGES)).toList();
    }

    static String channelId(String topic) {
        return topic.replace('.', '-');
    }

    /** The catalog's types on a topic: a dead-letter topic carries the dead-letter events, a public one the copies. */
    static List<EventType<?>> typesOn(String topic) {
        if (KafkaTopics.PUBLIC.contains(topic)) {
            String internal = KafkaTopics.ALL.get(KafkaTopics.PUBLIC.indexOf(topic));
            return typesOn(internal).stream().filter(type -> publicCopy(type).isPresent()).toList();
        }
        String declared = KafkaTopics.ALL.contains(topic) ? topic : KafkaTopics.DEAD_LETTERS;
        return EventCatalog.ALL.stream().filter(type -> type.kafkaTopic().equals(declared)).toList();
    }

    /** The public copy of an event of this type, as written by a staff user: empty when the type is withheld. */
    static Optional<EventEnvelope> publicCopy(EventType<?> type) {
        return PublicEvents.publicCopy(sample(type, STAFF, "corr-1", "cause-1"));
    }

    static EventEnvelope sample(EventType<?> type, Actor actor, String correlationId, String causationId) {
        return EventEnvelope.wrap(EventContractTest.sample(type.javaType()), 1, Instant.parse("2026-03-01T08:00:00Z"),
                "/jiebang/test", actor, correlationId, causationId);
    }

    /** The fields of the type's data its public copy leaves out. */
    static List<String> leftOutOnPublicTopics(EventType<?> type) {
        EventEnvelope internal = sample(type, STAFF, "corr-1", "cause-1");
        Optional<EventEnvelope> copy = PublicEvents.publicCopy(internal);
        if (copy.isEmpty()) {
            return List.of();
        }
        JsonNode all = JSON.readTree(EventCodec.encode(internal)).get("data");
        JsonNode shown = JSON.readTree(EventCodec.encode(copy.get())).get("data");
        List<String> left = new ArrayList<>();
        all.properties().forEach(field -> {
            if (!field.getValue().isNull() && (!shown.has(field.getKey()) || shown.get(field.getKey()).isNull())) {
                left.add(field.getKey());
            }
        });
        return left;
    }

    private void servers(ObjectNode servers) {
        ObjectNode local = servers.putObject("local");
        local.put("host", "localhost:9092");
        local.put("protocol", "kafka");
        local.put("title", "make run");
        local.put("description", "The plain local broker that make run starts: no TLS, no authentication. The "
                + "examples (examples/) use it as they are.");
        ObjectNode production = servers.putObject("production");
        production.put("host", "{broker}.kafka.example.org:9093");
        production.put("protocol", "kafka-secure");
        production.put("title", "A production cluster");
        production.put("description", "Three brokers or more (example.org stands for the cluster's own domain), "
                + "over SASL_SSL with SCRAM-SHA-512 (security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512): the "
                + "operators give each service and each reading team a user, its password and the cluster's CA "
                + "certificate, and its ACLs (outside readers: the public topics only, and the consumer groups "
                + "beginning with their name). docs/deploy.md, docs/consuming-events.md.");
        ObjectNode broker = production.putObject("variables").putObject("broker");
        broker.putArray("enum").add("kafka-0").add("kafka-1").add("kafka-2");
        broker.put("default", "kafka-0");
        broker.put("description", "any broker of the cluster bootstraps a client (list them all in bootstrap.servers)");
        production.putArray("security").addObject().put("$ref", "#/components/securitySchemes/scramSha512");
    }

    private ObjectNode channel(KafkaTopics.Declaration topic) {
        String name = topic.name();
        ObjectNode channel = JSON.createObjectNode();
        channel.put("address", name);
        channel.put("title", name);
        ObjectNode messages = JSON.createObjectNode();
        for (EventType<?> type : typesOn(name)) {
            messages.putObject(type.name()).put("$ref", "#/components/messages/" + type.name());
        }
        String kept = topic.retention() != null ? "Kept " + topic.retention() + "."
                : name.startsWith("jiebang.dlt.") ? "Kept for ever (retention.ms -1)."
                : "Kept for ever (retention.ms -1): a reader can rebuild from the beginning.";
        String partitions = topic.partitions() == null ? "Partitions: set by the deployment, JIEBANG_KAFKA_PARTITIONS "
                + "(default " + defaultPartitions + ", the figure below); they bound how many instances of one reader "
                + "share the reading." : "Partitions: " + topic.partitions() + ".";
        String description;
        String tag;
        if (KafkaTopics.ALL.contains(name)) {
            tag = "internal";
            description = "Internal: every event in full; the services read it, nobody else (grant outside readers "
                    + KafkaTopics.publicTopic(name) + " instead). Written by " + writers.get(name) + " alone. Read by "
                    + String.join(", ", readersOf(name)) + ". Key: " + topicKeys.get(name) + " (the event's subject); "
                    + "a subject's events stay on one partition, in order. " + partitions + " " + kept;
        } else if (KafkaTopics.PUBLIC.contains(name)) {
            tag = "public";
            String internal = KafkaTopics.ALL.get(KafkaTopics.PUBLIC.indexOf(name));
            List<String> withheld = typesOn(internal).stream().filter(type -> publicCopy(type).isEmpty())
                    .map(EventType::name).toList();
            List<String> reduced = typesOn(name).stream().filter(type -> !leftOutOnPublicTopics(type).isEmpty())
                    .map(type -> type.name() + " without " + String.join(", ", leftOutOnPublicTopics(type))).toList();
            List<String> readBy = new ArrayList<>(List.of("outside readers (analytics teams: docs/consuming-events.md)"));
            readBy.addAll(readersOf(name));
            description = "Public: what outside readers may see of " + internal + ". " + writers.get(internal)
                    + " writes each event's public copy here in the same relay step as the event itself, with the "
                    + "same id, subject, key, sequence, position and time, but without the envelope's actoruser"
                    + (reduced.isEmpty() ? "" : "; " + String.join("; ", reduced)) + ". "
                    + (withheld.isEmpty() ? "" : "Never copied: " + String.join(", ", withheld) + ". ")
                    + "Read by " + String.join(", ", readBy) + ". Key: " + topicKeys.get(internal) + ". " + partitions
                    + " " + kept;
        } else {
            tag = "dead-letters";
            String service = name.substring("jiebang.dlt.".length());
            String actions = typesOn(name).stream().map(EventType::name).collect(Collectors.joining(", "));
            if (consumes(service)) {
                messages.putObject(DEAD_LETTERED_RECORD).put("$ref", "#/components/messages/" + DEAD_LETTERED_RECORD);
                description = "What " + service + " could not process: each record as it was consumed, with where it "
                        + "came from and why it failed in its headers (also kept in its store with the commits its "
                        + "outbox relay could not publish, for a coordinator to replay or discard: "
                        + "docs/reliability.md); and what a coordinator did with each dead letter (" + actions
                        + ", keyed by the dead letter's id). ";
            } else {
                description = service + " consumes no topic: what a coordinator did with its dead letters, the commits "
                        + "its outbox relay could not publish, kept in its store (" + actions + ", keyed by the dead "
                        + "letter's id; docs/reliability.md). ";
            }
            description += "Written by " + service + " alone; read by operators; never copied to a public topic. "
                    + partitions + " " + kept;
        }
        channel.put("description", description);
        channel.set("messages", messages);
        channel.putArray("tags").addObject().put("$ref", "#/components/tags/" + tag);
        ObjectNode kafka = channel.putObject("bindings").putObject("kafka");
        kafka.put("topic", name);
        kafka.put("partitions", topic.partitions() == null ? defaultPartitions : topic.partitions());
        kafka.putObject("topicConfiguration").put("retention.ms", topic.retention() == null ? -1 : topic.retention().toMillis());
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        return channel;
    }

    private void operations(ObjectNode operations, String topic) {
        String id = channelId(topic);
        String writer;
        String how;
        if (KafkaTopics.ALL.contains(topic)) {
            writer = writers.get(topic);
            how = "Its outbox relay publishes each committed event (idempotent producer, acks=all), and its public copy "
                    + "to " + KafkaTopics.publicTopic(topic) + " in the same step.";
        } else if (KafkaTopics.PUBLIC.contains(topic)) {
            String internal = KafkaTopics.ALL.get(KafkaTopics.PUBLIC.indexOf(topic));
            writer = writers.get(internal);
            how = "The public copy of each event written to " + internal + ", in the same relay step: the commit counts "
                    + "as published once both are acknowledged.";
        } else {
            writer = topic.substring("jiebang.dlt.".length());
            how = (consumes(writer) ? "The records it cannot process, and what" : "What")
                    + " a coordinator did with its dead letters (replayed or discarded).";
        }
        ObjectNode send = operations.putObject("send-" + id);
        send.put("action", "send");
        send.putObject("channel").put("$ref", "#/channels/" + id);
        send.put("title", writer + " writes " + topic);
        send.put("description", how);
        for (String reader : readersOf(topic)) {
            ObjectNode receive = operations.putObject(reader + "-receives-" + id);
            receive.put("action", "receive");
            receive.putObject("channel").put("$ref", "#/channels/" + id);
            receive.put("title", reader + " reads " + topic);
            receive.put("description", "Its inbox, in the consumer group " + reader + ": idempotent by event id; it "
                    + "ignores the types it has no use for and dead-letters what it cannot process to "
                    + KafkaTopics.deadLetter(reader) + ".");
            ObjectNode kafka = receive.putObject("bindings").putObject("kafka");
            kafka.putObject("groupId").put("type", "string").put("const", reader);
            kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        }
    }

    private void components(ObjectNode components) {
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("CloudEvent", envelope());
        ObjectNode headers = schemas.putObject("CloudEventHeaders");
        headers.put("type", "object");
        headers.put("description", "The Kafka headers of every event record.");
        headers.putArray("required").add("content-type");
        headers.putObject("properties").putObject("content-type").put("type", "string")
                .put("const", EventCodec.CONTENT_TYPE)
                .put("description", "structured mode: the whole CloudEvent is the record's value");
        ObjectNode deadLetter = schemas.putObject("DeadLetterHeaders");
        deadLetter.put("type", "object");
        deadLetter.put("description", "The Kafka headers of a record a service could not process, beside its own.");
        ArrayNode required = deadLetter.putArray("required");
        ObjectNode properties = deadLetter.putObject("properties");
        DEAD_LETTER_HEADERS.forEach((header, meaning) -> {
            required.add(header);
            properties.putObject(header).put("type", "string").put("description", meaning);
        });

        ObjectNode messages = components.putObject("messages");
        EventCatalog.ALL.forEach(type -> messages.set(type.name(), message(type)));
        ObjectNode dead = messages.putObject(DEAD_LETTERED_RECORD);
        dead.put("name", DEAD_LETTERED_RECORD);
        dead.put("title", "A record the service could not process");
        dead.put("description", "The record as it was consumed, value and key unchanged (usually a CloudEvent of "
                + "another topic, or what could not be read as one), with the reason in the headers.");
        dead.put("contentType", "application/octet-stream");
        dead.putObject("headers").put("$ref", "#/components/schemas/DeadLetterHeaders");
        dead.putObject("payload").put("description", "the failed record's value, unchanged");
        ObjectNode deadKafka = dead.putObject("bindings").putObject("kafka");
        deadKafka.putObject("key").put("type", "string").put("description", "the failed record's own key, if it had one");
        deadKafka.put("bindingVersion", KAFKA_BINDING_VERSION);

        components.putObject("securitySchemes").putObject("scramSha512").put("type", "scramSha512")
                .put("description", "SASL/SCRAM-SHA-512 over TLS (SASL_SSL): a user per service and per reading team, "
                        + "named after it; the CA's certificate from the operators (docs/deploy.md).");
        components.putObject("correlationIds").putObject("correlationid")
                .put("description", "The request or scheduled run an event belongs to, shared by the events it caused.")
                .put("location", "$message.payload#/correlationid");
        ObjectNode tags = components.putObject("tags");
        tags.putObject("internal").put("name", "internal")
                .put("description", "Every event in full, read by the services only.");
        tags.putObject("public").put("name", "public")
                .put("description", "What outside readers may see: no drafts, staff accounts or user ids, no residents' "
                        + "comments, no bids' plans, no dead letters (docs/events.md, Internal and public topics).");
        tags.putObject("dead-letters").put("name", "dead-letters")
                .put("description", "A service's records it could not process, for operators.");
    }

    /** The CloudEvents envelope: the attributes the codec writes, each required when the codec always writes it. */
    private static ObjectNode envelope() {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        schema.put("title", "CloudEvent");
        schema.put("description", "A CloudEvents 1.0 event in structured mode (JSON), with the board's extension "
                + "attributes. Readers ignore attributes they do not know.");
        ArrayNode required = schema.putArray("required");
        alwaysWritten().forEach(required::add);
        ObjectNode properties = schema.putObject("properties");
        for (RecordComponent attribute : EventCodec.CloudEvent.class.getRecordComponents()) {
            String name = attribute.getName();
            String meaning = ATTRIBUTES.get(name);
            if (meaning == null) {
                throw new IllegalStateException("the envelope's attribute " + name + " has no description in AsyncApiDocument");
            }
            ObjectNode property = properties.putObject(name);
            Class<?> type = attribute.getType();
            if (type == String.class || type == Instant.class) {
                property.put("type", "string");
            } else if (type == Integer.class || type == Long.class) {
                property.put("type", "integer");
            } else if (JsonNode.class.isAssignableFrom(type)) {
                property.put("type", "object");
            } else {
                throw new IllegalStateException("no schema for the envelope's " + name + " of " + type);
            }
            switch (name) {
                case "specversion" -> property.put("const", "1.0");
                case "datacontenttype" -> property.put("const", "application/json");
                case "source" -> property.put("format", "uri-reference");
                case "dataschema" -> property.put("format", "uri");
                case "time" -> property.put("format", "date-time");
                case "eventversion", "position" -> property.put("minimum", 1);
                case "actorrole" -> {
                    ArrayNode roles = property.putArray("enum");
                    Arrays.stream(Actor.Role.values()).forEach(role -> roles.add(role.name()));
                }
                default -> {
                }
            }
            property.put("description", meaning);
        }
        return schema;
    }

    /** The attributes of an event with no user, organisation, correlation or cause: those always written. */
    static List<String> alwaysWritten() {
        EventEnvelope bare = sample(EventCatalog.ALL.get(0), new Actor(null, null, Actor.Role.SYSTEM), null, null);
        List<String> written = new ArrayList<>();
        JSON.readTree(EventCodec.encode(bare)).propertyNames().forEach(written::add);
        return written;
    }

    private ObjectNode message(EventType<?> type) {
        String meaning = meanings.get(type.name());
        String key = eventKeys.get(type.name());
        if (meaning == null || key == null) {
            throw new IllegalStateException("docs/events.md has no row for " + type.name());
        }
        ObjectNode message = JSON.createObjectNode();
        message.put("name", type.name());
        message.put("title", type.name() + " v" + type.version());
        String where;
        if (type.kafkaTopic().equals(KafkaTopics.DEAD_LETTERS)) {
            where = "On the dead-letter topic of the service that owns the dead letter (" + KafkaTopics.DEAD_LETTERS + ").";
        } else if (publicCopy(type).isEmpty()) {
            where = "On " + type.kafkaTopic() + " only: never copied to " + KafkaTopics.publicTopic(type.kafkaTopic()) + ".";
        } else {
            List<String> left = leftOutOnPublicTopics(type);
            where = "On " + type.kafkaTopic() + ", and copied to " + KafkaTopics.publicTopic(type.kafkaTopic())
                    + (left.isEmpty() ? "" : " without " + String.join(", ", left) + " in its data") + ".";
        }
        message.put("summary", type.cloudEventType());
        message.put("description", capitalised(meaning) + ".\n\nCloudEvents type " + type.cloudEventType() + ". " + where
                + " Key: " + key + ". The JSON Schema of its data: docs/schemas/" + type.schemaFile() + ".");
        message.put("contentType", "application/cloudevents+json");
        message.putObject("headers").put("$ref", "#/components/schemas/CloudEventHeaders");
        message.putObject("correlationId").put("$ref", "#/components/correlationIds/correlationid");
        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        kafka.putObject("key").put("type", "string").put("description", "the event's subject: " + key);
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        ArrayNode allOf = message.putObject("payload").putArray("allOf");
        allOf.addObject().put("$ref", "#/components/schemas/CloudEvent");
        ObjectNode own = allOf.addObject();
        own.put("type", "object");
        ObjectNode properties = own.putObject("properties");
        properties.putObject("type").put("const", type.cloudEventType());
        properties.putObject("eventversion").put("const", type.version());
        properties.putObject("dataschema").put("type", "string").put("pattern", "/" + type.schemaFile().replace(".", "\\.") + "$")
                .putArray("examples").add(EventCodec.DEFAULT_SCHEMAS_URL + type.schemaFile());
        properties.putObject("data").put("$ref", SCHEMAS_REF + type.schemaFile());
        return message;
    }

    /** Who reads each topic: each service's inbox bindings (spring.cloud.stream.bindings.*-in-*.destination). */
    private static Map<String, List<String>> inboxBindings() {
        YAMLMapper yaml = YAMLMapper.builder().build();
        Map<String, List<String>> readers = new TreeMap<>();
        for (String service : KafkaTopics.SERVICES) {
            Path settings = SERVICES.resolve(service).resolve("src/main/resources/application.yml");
            if (!Files.exists(settings)) {
                continue;
            }
            JsonNode bindings = yaml.readTree(read(settings)).path("spring").path("cloud").path("stream").path("bindings");
            bindings.properties().forEach(binding -> {
                if (binding.getKey().contains("-in-")) {
                    for (String topic : binding.getValue().path("destination").asString("").split(",")) {
                        if (!topic.isBlank()) {
                            readers.computeIfAbsent(topic.strip(), t -> new ArrayList<>()).add(service);
                        }
                    }
                }
            });
        }
        return readers;
    }

    /** Whether a service reads any topic (and so sends what it cannot process to its dead-letter topic). */
    private boolean consumes(String service) {
        return readers.values().stream().anyMatch(services -> services.contains(service));
    }

    /** The services reading a topic, in the order of {@link KafkaTopics#SERVICES}. */
    List<String> readersOf(String topic) {
        List<String> of = readers.getOrDefault(topic, List.of());
        return KafkaTopics.SERVICES.stream().filter(of::contains).toList();
    }

    /** The services docs/events.md says read each internal topic (its topics table). */
    static Map<String, Set<String>> documentedReaders() {
        Map<String, Set<String>> documented = new TreeMap<>();
        Matcher topics = TOPIC_ROW.matcher(read(DOCS.resolve("events.md")));
        while (topics.find()) {
            documented.put(topics.group(1), Arrays.stream(topics.group(4).split(",")).map(String::strip)
                    .filter(KafkaTopics.SERVICES::contains).collect(Collectors.toCollection(TreeSet::new)));
        }
        return documented;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
