package io.jiebang.platform.observability;

import io.jiebang.platform.relay.KafkaConnection;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;

/**
 * What every service reports about itself beyond Boot's own: whether its store and its broker answer (the
 * {@code store} and {@code kafka} health components, both in the readiness group) and its trace context for
 * the commits it stores. The relay's and the inbox's meters are wired with them (EventSourcingAutoConfiguration,
 * PlatformAutoConfiguration).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration"})
public class ObservabilityAutoConfiguration {

    @Bean
    public StoreHealth storeHealthIndicator(ReactiveMongoDatabaseFactory databases) {
        return new StoreHealth(databases.getMongoDatabase().block(Duration.ofSeconds(30)));
    }

    @Bean
    public BrokerHealth kafkaHealthIndicator(Environment environment) {
        return new BrokerHealth(KafkaConnection.commonConfiguration(environment));
    }

    @Bean
    @ConditionalOnBean({Tracer.class, Propagator.class})
    public TraceParents traceParents(Tracer tracer, Propagator propagator) {
        return new TraceParents(tracer, propagator);
    }
}
