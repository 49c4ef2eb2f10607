package io.jiebang.platform.relay;

import io.jiebang.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The relay's own producer, with the binder's connection settings (brokers, security, producer properties)
 * and the relay's needs on top: idempotent, {@code acks=all}, and a small linger so that events committed
 * together travel in one request.
 */
public class KafkaEventPublisher implements EventPublisher {

    private static final byte[] CONTENT_TYPE = EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private final KafkaProducer<byte[], byte[]> producer;

    public KafkaEventPublisher(Map<String, Object> binderConfiguration) {
        Map<String, Object> config = new HashMap<>(binderConfiguration);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public CompletableFuture<Void> send(String kafkaTopic, String key, String json) {
        return send(kafkaTopic, key, json, null);
    }

    @Override
    public CompletableFuture<Void> send(String kafkaTopic, String key, String json, String traceparent) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(kafkaTopic, key.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader("content-type", CONTENT_TYPE));
        if (traceparent != null) {
            record.headers().add(new RecordHeader("traceparent", traceparent.getBytes(StandardCharsets.UTF_8)));
        }
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException refused) {
            acknowledged.completeExceptionally(refused);
        }
        return acknowledged;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
