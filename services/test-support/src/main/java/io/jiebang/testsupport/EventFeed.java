package io.jiebang.testsupport;

import io.jiebang.events.Actor;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plays another service in a test: publishes events (or raw bytes) to Kafka as that service would. */
public final class EventFeed implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private long sequence;

    public EventFeed(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    /** Publishes the event as its producing service would, and returns the envelope sent. */
    public EventEnvelope publish(DomainEvent event, Actor actor) {
        EventEnvelope envelope = EventEnvelope.wrap(event, ++sequence, Instant.now(), "/jiebang/test-feed", actor,
                UUID.randomUUID().toString(), null);
        send(envelope);
        return envelope;
    }

    public EventEnvelope publish(DomainEvent event) {
        return publish(event, Actor.SYSTEM);
    }

    /** Sends an envelope again, as a redelivery or a relay retry would. */
    public void send(EventEnvelope envelope) {
        sendRaw(envelope.kafkaTopic(), envelope.aggregateId(), EventCodec.encode(envelope));
    }

    /** Sends an envelope as the relay does for a command traced with this W3C {@code traceparent}. */
    public void sendTraced(EventEnvelope envelope, String traceparent) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(envelope.kafkaTopic(),
                envelope.aggregateId().getBytes(StandardCharsets.UTF_8), EventCodec.encode(envelope));
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    public void sendRaw(String topic, String key, byte[] value) {
        send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
