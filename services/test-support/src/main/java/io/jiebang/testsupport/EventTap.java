package io.jiebang.testsupport;


import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what really went over Kafka, from the beginning of the given topics, for tests to check. */
public final class EventTap implements AutoCloseable {

    /**
     * One record as received: its key, its decoded envelope (null when it is not a readable event, as in a
     * dead-letter topic) and its headers.
     */
    public record Received(String topic, String key, EventEnvelope envelope, String contentType, String value,
                           java.util.Map<String, String> headers) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public EventTap(String bootstrap, Collection<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "event-tap-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "true");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.copyOf(topics));
        poller = new Thread(this::poll, "event-tap");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
                    record.headers().forEach(h -> headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
                    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    EventEnvelope envelope;
                    try {
                        envelope = EventCodec.decode(record.value()).orElse(null);
                    } catch (io.jiebang.events.MalformedEventException unreadable) {
                        envelope = null;
                    }
                    received.add(new Received(record.topic(), key, envelope, headers.get("content-type"),
                            new String(record.value(), StandardCharsets.UTF_8), headers));
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<EventEnvelope> events() {
        return received.stream().map(Received::envelope).filter(java.util.Objects::nonNull).toList();
    }

    /** Waits until an event matching the predicate arrived, and returns it. */
    public Received await(Predicate<Received> predicate, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> received.stream().anyMatch(predicate));
        return received.stream().filter(predicate).findFirst().orElseThrow();
    }

    public Received awaitType(Class<?> type, Predicate<EventEnvelope> predicate) {
        return await(r -> r.envelope() != null && type.isInstance(r.envelope().data()) && predicate.test(r.envelope()),
                Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
