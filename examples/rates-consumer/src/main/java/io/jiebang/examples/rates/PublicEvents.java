package io.jiebang.examples.rates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads public topics from the beginning to their end as they are now, as CloudEvents (structured mode: the record's
 * value is the whole event in JSON). No consumer group: a one-off recount assigns itself every partition and commits
 * nothing (a service that follows the topics for ever would subscribe with a group instead; docs/consuming-events.md).
 */
final class PublicEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PublicEvents() {
    }

    /**
     * Every event of these topics, each once (a redelivered or re-published event has the same {@code id}), each topic's
     * events in the order they happened: by {@code time}, and by {@code sequence} among one producer's events.
     *
     * @param connection the Kafka client settings: {@code bootstrap.servers}, and for a secured cluster its
     *                   {@code security.protocol}, {@code sasl.*} and {@code ssl.*} settings
     */
    static List<JsonNode> readAll(Properties connection, List<String> topics) {
        Properties config = new Properties();
        config.putAll(connection);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<JsonNode> events = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(record.value());
                    if (seen.add(event.get("id").asString())) {
                        events.add(event);
                    }
                }
            }
        }
        events.sort(Comparator.comparing((JsonNode e) -> e.get("subject").asString())
                .thenComparing(e -> java.time.Instant.parse(e.get("time").asString()))
                .thenComparing(e -> e.get("source").asString())
                .thenComparingLong(e -> e.path("sequence").asLong(0)));
        return events;
    }
}
