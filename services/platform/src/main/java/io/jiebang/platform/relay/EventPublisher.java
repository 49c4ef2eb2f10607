package io.jiebang.platform.relay;

/** Sends one event to Kafka and returns only once the broker acknowledged it; throws otherwise. */
public interface EventPublisher {

    void publish(String kafkaTopic, String key, String json);
}
