package io.jiebang.platform.relay;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The Kafka binder's connection settings for a producer of our own: the brokers, the binder's common
 * {@code configuration} (security, for one) and its {@code producer-properties}, so the relay reaches the
 * same cluster the same way as the bindings do.
 */
public final class KafkaConnection {

    private static final String BINDER = "spring.cloud.stream.kafka.binder.";

    private KafkaConnection() {
    }

    public static Map<String, Object> producerConfiguration(Environment environment) {
        Map<String, Object> config = clientConfiguration(environment);
        config.putAll(Binder.get(environment).bind(BINDER + "producer-properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()));
        return config;
    }

    /** The brokers and the settings common to every client (security among them): for a consumer or an admin client. */
    public static Map<String, Object> clientConfiguration(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, Object> config = new HashMap<>(binder.bind(BINDER + "configuration", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", binder.bind(BINDER + "brokers", Bindable.listOf(String.class)).orElse(java.util.List.of("localhost:9092"))));
        return config;
    }
}
