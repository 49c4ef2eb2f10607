package io.jiebang.platform.messaging;

import io.jiebang.events.KafkaTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Sends a record that cannot be processed to the service's dead-letter topic
 * ({@code jiebang.dlt.<service>}), unchanged, with where it came from and why it failed in its headers, and
 * counts it ({@code jiebang.inbox.dead.letters}, tagged with the Kafka topic it was consumed from).
 */
public class DeadLetters {

    private final StreamBridge streamBridge;
    private final String service;
    private final MeterRegistry meters;

    public DeadLetters(StreamBridge streamBridge, String service, MeterRegistry meters) {
        this.streamBridge = streamBridge;
        this.service = service;
        this.meters = meters;
    }

    public void send(Message<byte[]> failed, Throwable reason) {
        Object key = failed.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        String topic = String.valueOf(failed.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC));
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
