package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.LocalStack;
import io.jiebang.devstack.ServiceSpec;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.KafkaTopics;
import io.jiebang.events.deadletter.DeadLetterDiscarded;
import io.jiebang.events.deadletter.DeadLetterReplayed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Nothing is lost silently: a poison record and an event of a type no service knows, published to public topics,
 * become dead letters of every service that consumes those topics; a coordinator sees them through the console,
 * with the reason, replays and discards them, and each action is an event on the service's dead-letter topic;
 * a street's staff may not even see them.
 */
class DeadLettersEndToEndIT {

    static final List<String> TOPICS_READERS = List.of("claim-service", "dispatch-service", "resolution-service", "console");
    static final List<String> CLAIMS_READERS = List.of("dispatch-service", "resolution-service", "console");

    final LocalStack stack = RunningStack.get();
    final Api api = RunningStack.api();

    @Test
    void poisonAndUnknownTypesAreDeadLettersACoordinatorReplaysAndDiscards() throws Exception {
        String marker = UUID.randomUUID().toString();
        String unknownId = "e-unknown-" + marker;
        RecordMetadata poison;
        RecordMetadata unknown;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrap()), new StringSerializer(), new StringSerializer())) {
            poison = producer.send(new ProducerRecord<>(KafkaTopics.TOPICS, "poison-" + marker,
                    "{\"specversion\":\"1.0\",\"garbage\":")).get();
            unknown = producer.send(new ProducerRecord<>(KafkaTopics.CLAIMS, "t-" + marker, """
                    {"specversion":"1.0","id":"%s","source":"/jiebang/claim-service","type":"ClaimRenamed","subject":"t-%s",
                     "time":"2026-03-01T08:00:00Z","data":{"topicId":"t-%s"}}""".formatted(unknownId, marker, marker))).get();
        }
        String poisonId = KafkaTopics.TOPICS + "-" + poison.partition() + "-" + poison.offset();
        String unknownDeadLetter = KafkaTopics.CLAIMS + "-" + unknown.partition() + "-" + unknown.offset();

        // Each reader of each topic lists its own dead letter of it, with the reason; topic-service reads neither.
        for (String service : TOPICS_READERS) {
            JsonNode letter = awaitDeadLetter(service, poisonId);
            assertThat(letter.get("status").asString()).isEqualTo("DEAD");
            assertThat(letter.get("origin").asString()).isEqualTo("INBOX");
            assertThat(letter.get("reason").asString()).as(service).startsWith("not a CloudEvents JSON document");
            assertThat(letter.get("topic").asString()).isEqualTo(KafkaTopics.TOPICS);
            assertThat(letter.get("offset").asLong()).isEqualTo(poison.offset());
            assertThat(letter.get("key").asString()).isEqualTo("poison-" + marker);
            assertThat(letter.get("diedAt").asString()).isNotBlank();
        }
        for (String service : CLAIMS_READERS) {
            JsonNode letter = awaitDeadLetter(service, unknownDeadLetter);
            assertThat(letter.get("reason").asString()).as(service).isEqualTo("unknown event type ClaimRenamed (event " + unknownId + ")");
            assertThat(letter.get("eventId").asString()).isEqualTo(unknownId);
            assertThat(letter.get("eventType").asString()).isEqualTo("ClaimRenamed");
        }
        assertThat(ids(list("claim-service", "coordinator"))).doesNotContain(unknownDeadLetter);
        assertThat(ids(list("topic-service", "coordinator"))).doesNotContain(poisonId, unknownDeadLetter);

        // Nobody but a coordinator sees them, through the gateway or at the service itself.
        for (String service : List.of("claim-service", "console")) {
            Api.Response refused = api.get("/api/dead-letters/" + service, "street-01").expect(403);
            assertThat(refused.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.type()).endsWith("/dead-letters-coordinators-only");
        }
        assertThat(api.post("/api/dead-letters/claim-service/" + poisonId + "/discard", "dept-01", Map.of("reason", "no")).status())
                .isEqualTo(403);
        HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.url(ServiceSpec.DISPATCH) + "/api/dead-letters"))
                .header("Authorization", "Bearer " + api.token("street-01")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/dead-letters/no-such-service", "coordinator").status()).isEqualTo(404);

        // The unknown type is still unknown: replayed, it fails again and stays dead with the reason.
        JsonNode again = api.post("/api/dead-letters/dispatch-service/" + unknownDeadLetter + "/replay", "coordinator", null)
                .expect(200).body();
        assertThat(again.get("status").asString()).isEqualTo("DEAD");
        assertThat(again.get("deaths").asInt()).isEqualTo(2);
        assertThat(again.get("reason").asString()).startsWith("unknown event type ClaimRenamed");

        // Discarded with a reason, by claim-service and by the console itself.
        for (String service : List.of("claim-service", "console")) {
            JsonNode discarded = api.post("/api/dead-letters/" + service + "/" + poisonId + "/discard", "coordinator",
                    Map.of("reason", "garbage from a test producer")).expect(200).body();
            assertThat(discarded.get("status").asString()).isEqualTo("DISCARDED");
            assertThat(discarded.get("resolvedBy").asString()).isEqualTo("coordinator");
            assertThat(api.post("/api/dead-letters/" + service + "/" + poisonId + "/replay", "coordinator", null).status())
                    .as("a discarded dead letter is not replayed").isEqualTo(409);
            assertThat(ids(api.get("/api/dead-letters/" + service + "?status=DEAD", "coordinator").expect(200).body()))
                    .doesNotContain(poisonId);
        }
        assertThat(api.post("/api/dead-letters/resolution-service/" + poisonId + "/discard", "coordinator",
                Map.of("reason", " ")).status()).isEqualTo(400);

        // Each action is an event on the service's own dead-letter topic, keyed by the dead letter.
        EventEnvelope replayed = awaitEvent("dispatch-service", unknownDeadLetter);
        assertThat(replayed.data()).isEqualTo(new DeadLetterReplayed(unknownDeadLetter, "dispatch-service", "INBOX",
                KafkaTopics.CLAIMS, unknown.partition(), unknown.offset(), unknownId, "ClaimRenamed", false,
                "io.jiebang.events.UnknownEventTypeException: unknown event type ClaimRenamed (event " + unknownId + ")"));
        assertThat(replayed.actor().userId()).isEqualTo("coordinator");
        assertThat(replayed.source()).isEqualTo("/jiebang/dispatch-service");
        for (String service : List.of("claim-service", "console")) {
            EventEnvelope discarded = awaitEvent(service, poisonId);
            assertThat(discarded.data()).isEqualTo(new DeadLetterDiscarded(poisonId, service, "INBOX", KafkaTopics.TOPICS,
                    poison.partition(), poison.offset(), null, null, "garbage from a test producer"));
        }

        // And the meters count them, per topic consumed from.
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.url(ServiceSpec.DISPATCH)
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("jiebang_inbox_dead_letters_total\\{[^}]*topic=\"jiebang.claims\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("jiebang_inbox_dead_letters_total\\{[^}]*topic=\"jiebang.topics\"[^}]*} [1-9]");
    }

    private JsonNode list(String service, String user) {
        return api.get("/api/dead-letters/" + service, user).expect(200).body();
    }

    private static List<String> ids(JsonNode letters) {
        List<String> ids = new ArrayList<>();
        letters.forEach(letter -> ids.add(letter.get("id").asString()));
        return ids;
    }

    private JsonNode awaitDeadLetter(String service, String id) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            for (JsonNode letter : list(service, "coordinator")) {
                if (letter.get("id").asString().equals(id)) {
                    found[0] = letter;
                    return true;
                }
            }
            return false;
        });
        assertThat(found[0].get("service").asString()).isEqualTo(service);
        return found[0];
    }

    /** The last action on the dead letter recorded on the service's dead-letter topic. */
    private EventEnvelope awaitEvent(String service, String deadLetterId) {
        List<EventEnvelope> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letters-e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(KafkaTopics.deadLetter(service)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (deadLetterId.equals(record.key())) {
                        found.add(EventCodec.decodeKnown(record.value().getBytes(StandardCharsets.UTF_8)));
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.get(found.size() - 1);
    }
}
