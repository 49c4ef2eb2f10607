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

    public void sendRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
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
