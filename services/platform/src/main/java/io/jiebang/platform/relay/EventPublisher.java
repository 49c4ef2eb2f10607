package io.jiebang.platform.relay;

import java.util.concurrent.CompletableFuture;

/** Sends one event to Kafka without waiting; the future completes once the broker acknowledged it, or fails. */
public interface EventPublisher extends AutoCloseable {

    CompletableFuture<Void> send(String kafkaTopic, String key, String json);

    /** The same, in the trace of the command that raised the event: a W3C {@code traceparent}, or null. */
    default CompletableFuture<Void> send(String kafkaTopic, String key, String json, String traceparent) {
        return send(kafkaTopic, key, json);
    }

    @Override
    default void close() {
    }
}
