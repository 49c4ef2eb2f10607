package io.jiebang.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads Kafka topics whole, as the stored events' checks need them. */
final class KafkaRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One record as read: its Kafka topic and its JSON. */
    record Read(String topic, JsonNode event) {

        String subject() {
            return event.path("subject").asString();
        }

        String id() {
            return event.path("id").asString();
        }

        /** The board's name of the type (the wire carries its reverse-DNS name, e.g. io.jiebang.topic.published.v1). */
        String type() {
            return io.jiebang.events.EventCatalog.byWireType(event.path("type").asString())
                    .map(io.jiebang.events.EventType::name).orElse(event.path("type").asString());
        }

        String district() {
            return Board.text(event, "district");
        }
    }

    private KafkaRecords() {
    }

    /** Every JSON object now on the given topics, from the beginning; other records (poison left by other tests) skipped. */
    static List<Read> readAll(String bootstrap, Collection<String> topics) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<Read> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        JsonNode event = JSON.readTree(record.value());
                        if (event.isObject()) {
                            records.add(new Read(record.topic(), event));
                        }
                    } catch (JacksonException notAnEvent) {
                        // a poison record: not ours to check here
                    }
                }
            }
            return records;
        }
    }
}
