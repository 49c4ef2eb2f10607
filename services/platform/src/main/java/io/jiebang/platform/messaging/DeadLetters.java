package io.jiebang.platform.messaging;

import io.jiebang.events.KafkaTopics;
import io.jiebang.platform.deadletter.DeadLetter;
import io.jiebang.platform.deadletter.DeadLetterStore;
import io.jiebang.platform.deadletter.EventPeek;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Sets a record that cannot be processed aside: first in the service's own store ({@link DeadLetterStore}, where a
 * coordinator lists, replays or discards it; an outage of the store is an infrastructure failure and the record is
 * retried, never skipped), then to the service's dead-letter topic ({@code jiebang.dlt.<service>}), unchanged, with
 * where it came from and why it failed in its headers; and counts it ({@code jiebang.inbox.dead.letters}, tagged
 * with the Kafka topic it was consumed from).
 */
public class DeadLetters {

    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final StreamBridge streamBridge;
    private final String service;
    private final MeterRegistry meters;
    private final DeadLetterStore store;

    public DeadLetters(StreamBridge streamBridge, String service, MeterRegistry meters, DeadLetterStore store) {
        this.streamBridge = streamBridge;
        this.service = service;
        this.meters = meters;
        this.store = store;
    }

    public void send(Message<byte[]> failed, Throwable reason) {
        Object key = failed.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        String topic = String.valueOf(failed.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC));
        Object partition = failed.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        Object offset = failed.getHeaders().get(KafkaHeaders.OFFSET);
        if (store != null) {
            String id = partition != null && offset != null ? topic + "-" + partition + "-" + offset : "record-" + UUID.randomUUID();
            EventPeek peek = EventPeek.of(failed.getPayload());
            store.died(new DeadLetterStore.Death(id, service, DeadLetter.INBOX, topic,
                    partition instanceof Number p ? p.intValue() : null, offset instanceof Number o ? o.longValue() : null,
                    key instanceof byte[] k ? new String(k, StandardCharsets.UTF_8) : key == null ? null : String.valueOf(key),
                    peek.id(), peek.type(), peek.district(), failed.getPayload(), null, reason)).block(STORE_TIMEOUT);
        }
        MessageBuilder<byte[]> dead = MessageBuilder.withPayload(failed.getPayload())
                .setHeader("x-exception-message", bytes(String.valueOf(reason.getMessage())))
                .setHeader("x-exception-fqcn", bytes(reason.getClass().getName()))
                .setHeader("x-original-topic", bytes(topic))
                .setHeader("x-original-partition", bytes(String.valueOf(failed.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION))))
                .setHeader("x-original-offset", bytes(String.valueOf(failed.getHeaders().get(KafkaHeaders.OFFSET))))
                .setHeader("x-failed-service", bytes(service));
        if (key instanceof byte[] keyBytes) {
            dead.setHeader(KafkaHeaders.KEY, keyBytes);
        }
        if (!streamBridge.send(KafkaTopics.deadLetter(service), dead.build())) {
            throw new IllegalStateException("the dead-letter topic did not take the record");
        }
        Counter.builder("jiebang.inbox.dead.letters").description("Consumed records sent to the dead-letter topic")
                .tag("topic", topic).register(meters).increment();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
