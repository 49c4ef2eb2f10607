package io.jiebang.platform.observability;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * UP when the Kafka cluster answers a describe-cluster within a short timeout, asked with the binder's
 * connection settings. The answer is kept for a few seconds, so probes and scrapes hitting it often cost the
 * broker one request per interval at most.
 */
public class BrokerHealth implements ReactiveHealthIndicator, AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KEPT = Duration.ofSeconds(5);

    private final AdminClient admin;
    private final Mono<Health> cached;

    public BrokerHealth(Map<String, Object> connection) {
        Map<String, Object> config = new HashMap<>(connection);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "broker-health");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = AdminClient.create(config);
        this.cached = Mono.defer(this::check).cache(health -> KEPT, failure -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public Mono<Health> health() {
        return cached;
    }

    private Mono<Health> check() {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
        return Mono.fromCompletionStage(cluster.nodes().toCompletionStage())
                .map(nodes -> nodes.isEmpty() ? Health.down().withDetail("nodes", 0).build()
                        : Health.up().withDetail("nodes", nodes.size()).build())
                .timeout(TIMEOUT.plusSeconds(1))
                .onErrorResume(e -> Mono.just(Health.down().withException(e).build()));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
