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
     * Every event of these topics, each once (a redelivered or re-published event has the same {@code id}), each
     * subject's events in an order their writers agree with ({@link #inCausalOrder}).
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
        Map<String, List<JsonNode>> bySubject = new java.util.TreeMap<>();
        events.forEach(event -> bySubject.computeIfAbsent(event.get("subject").asString(), s -> new ArrayList<>()).add(event));
        events.clear();
        bySubject.values().forEach(ofSubject -> events.addAll(inCausalOrder(ofSubject)));
        return events;
    }

    /**
     * One subject's events merged across the Kafka topics in an order every writer agrees with (docs/events.md, "Order
     * and completeness"): each writer's events by {@code position}, and an event only after those it had {@code seen}.
     * Events written before positions existed (no {@code position}) come first, by {@code time}.
     */
    static List<JsonNode> inCausalOrder(List<JsonNode> ofSubject) {
        List<JsonNode> ordered = new ArrayList<>();
        Map<String, java.util.Deque<JsonNode>> bySource = new java.util.TreeMap<>();
        ofSubject.stream().filter(e -> !e.has("position"))
                .sorted(Comparator.comparing((JsonNode e) -> java.time.Instant.parse(e.get("time").asString())))
                .forEach(ordered::add);
        ofSubject.stream().filter(e -> e.has("position"))
                .sorted(Comparator.comparingLong((JsonNode e) -> e.get("position").asLong()))
                .forEach(e -> bySource.computeIfAbsent(e.get("source").asString(), s -> new java.util.ArrayDeque<>()).add(e));
        Map<String, Long> applied = new java.util.HashMap<>();
        while (bySource.values().stream().anyMatch(queue -> !queue.isEmpty())) {
            JsonNode next = bySource.values().stream().filter(queue -> !queue.isEmpty()).map(java.util.Deque::peek)
                    .filter(head -> seen(head).entrySet().stream().allMatch(dependency ->
                            applied.getOrDefault(dependency.getKey(), 0L) >= dependency.getValue()
                                    || !bySource.containsKey(dependency.getKey())))
                    .findFirst()
                    // A dependency not (yet) on the topics: a gap. A real reader waits for it; a recount goes on by time.
                    .orElseGet(() -> bySource.values().stream().filter(queue -> !queue.isEmpty()).map(java.util.Deque::peek)
                            .min(Comparator.comparing(head -> java.time.Instant.parse(head.get("time").asString()))).orElseThrow());
            bySource.get(next.get("source").asString()).poll();
            applied.put(next.get("source").asString(), next.get("position").asLong());
            ordered.add(next);
        }
        return ordered;
    }

    /** {@code seen}: {@code <source>=<position>} pairs joined by commas. */
    private static Map<String, Long> seen(JsonNode event) {
        Map<String, Long> seen = new java.util.HashMap<>();
        for (String pair : event.path("seen").asString("").split(",")) {
            if (!pair.isBlank()) {
                int at = pair.lastIndexOf('=');
                seen.put(pair.substring(0, at), Long.parseLong(pair.substring(at + 1)));
            }
        }
        return seen;
    }
}
