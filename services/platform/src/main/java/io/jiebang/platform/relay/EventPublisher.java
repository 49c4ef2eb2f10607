package io.jiebang.platform.relay;

import java.util.concurrent.CompletableFuture;

/** Sends one event to Kafka without waiting; the future completes once the broker acknowledged it, or fails. */
public interface EventPublisher extends AutoCloseable {

    CompletableFuture<Void> send(String kafkaTopic, String key, String json);

    @Override
    default void close() {
    }
}
