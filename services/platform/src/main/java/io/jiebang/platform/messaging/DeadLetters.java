package io.jiebang.platform.messaging;

import io.jiebang.events.KafkaTopics;
import java.nio.charset.StandardCharsets;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Sends a record that cannot be processed to the service's dead-letter topic
 * ({@code jiebang.dlt.<service>}), unchanged, with where it came from and why it failed in its headers.
 */
public class DeadLetters {

    private final StreamBridge streamBridge;
    private final String service;

    public DeadLetters(StreamBridge streamBridge, String service) {
        this.streamBridge = streamBridge;
        this.service = service;
    }

    public void send(Message<byte[]> failed, Throwable reason) {
        Object key = failed.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        MessageBuilder<byte[]> dead = MessageBuilder.withPayload(failed.getPayload())
                .setHeader("x-exception-message", bytes(String.valueOf(reason.getMessage())))
                .setHeader("x-exception-fqcn", bytes(reason.getClass().getName()))
                .setHeader("x-original-topic", bytes(String.valueOf(failed.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC))))
                .setHeader("x-original-partition", bytes(String.valueOf(failed.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION))))
                .setHeader("x-original-offset", bytes(String.valueOf(failed.getHeaders().get(KafkaHeaders.OFFSET))))
                .setHeader("x-failed-service", bytes(service));
        if (key instanceof byte[] keyBytes) {
            dead.setHeader(KafkaHeaders.KEY, keyBytes);
        }
        if (!streamBridge.send(KafkaTopics.deadLetter(service), dead.build())) {
            throw new IllegalStateException("the dead-letter topic did not take the record");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
