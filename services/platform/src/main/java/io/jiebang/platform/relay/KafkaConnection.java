package io.jiebang.platform.relay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The Kafka binder's connection settings for clients of our own: the brokers and the binder's common
 * {@code configuration} (security, for one), plus its {@code producer-properties} for a producer, so the
 * relay and the broker health check reach the same cluster the same way as the bindings do.
 */
public final class KafkaConnection {

    private static final String BINDER = "spring.cloud.stream.kafka.binder.";
    private static final Bindable<Map<String, String>> PROPERTIES = Bindable.mapOf(String.class, String.class);

    private KafkaConnection() {
    }

    public static Map<String, Object> producerConfiguration(Environment environment) {
        Map<String, Object> config = commonConfiguration(environment);
        config.putAll(Binder.get(environment).bind(BINDER + "producer-properties", PROPERTIES).orElse(Map.of()));
        return config;
    }

    /** For an admin client: the brokers and the common configuration, without the producer's settings. */
    public static Map<String, Object> commonConfiguration(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, Object> config = new HashMap<>(binder.bind(BINDER + "configuration", PROPERTIES).orElse(Map.of()));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", binder.bind(BINDER + "brokers", Bindable.listOf(String.class)).orElse(List.of("localhost:9092"))));
        return config;
    }
}
