package io.jiebang.platform.relay;

import io.jiebang.events.EventCodec;
import java.nio.charset.StandardCharsets;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes through Spring Cloud Stream's Kafka binder. Output bindings are synchronous ({@code sync: true})
 * with an idempotent producer and {@code acks=all}, so a return means the broker has the record.
 */
public class StreamBridgePublisher implements EventPublisher {

    private final StreamBridge streamBridge;

    public StreamBridgePublisher(StreamBridge streamBridge) {
        this.streamBridge = streamBridge;
    }

    @Override
    public void publish(String kafkaTopic, String key, String json) {
        Message<byte[]> message = MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .setHeader("content-type", EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))
                .build();
        if (!streamBridge.send(kafkaTopic, message)) {
            throw new IllegalStateException("Kafka did not take the event for " + kafkaTopic);
        }
    }
}
