package io.jiebang.platform;

import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.StreamSets;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.platform.eventstore.Relayers;
import io.jiebang.platform.eventstore.OutboxBacklog;
import io.jiebang.platform.observability.OutboxMetrics;
import io.jiebang.platform.observability.TraceParents;
import io.jiebang.platform.eventstore.StreamSetStore;
import io.jiebang.platform.relay.EventPublisher;
import io.jiebang.platform.relay.KafkaConnection;
import io.jiebang.platform.relay.KafkaEventPublisher;
import io.jiebang.platform.relay.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;

/**
 * The event-sourcing chassis of a service that keeps aggregates: event store, command executor, stream sets
 * and the outbox relay with its producer. Off with {@code jiebang.event-sourcing=false} (the console, which
 * only reads), so nothing there polls or holds a producer it never uses.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@ConditionalOnProperty(name = "jiebang.event-sourcing", havingValue = "true", matchIfMissing = true)
public class EventSourcingAutoConfiguration {

    @Bean
    public MongoEventStore eventStore(ReactiveMongoDatabaseFactory databases, PlatformProperties properties,
                                      ObjectProvider<TraceParents> traces) {
        MongoEventStore store = new MongoEventStore(databases.getMongoDatabase().block(Duration.ofSeconds(30)),
                properties.getInstance());
        traces.ifAvailable(trace -> store.recordTraceContext(trace::current));
        store.createIndexes().block(Duration.ofSeconds(60));
        return store;
    }

    @Bean
    public StreamSetStore streamSetStore(ReactiveMongoDatabaseFactory databases) {
        return new StreamSetStore(databases.getMongoDatabase().block(Duration.ofSeconds(30)));
    }

    @Bean
    @ConditionalOnMissingBean
    public EventPublisher eventPublisher(Environment environment) {
        return new KafkaEventPublisher(KafkaConnection.producerConfiguration(environment));
    }

    /** Alive from the start: no other instance may take a commit of this one for one of its own lapsed. */
    @Bean
    public Relayers relayers(ReactiveMongoDatabaseFactory databases, PlatformProperties properties) {
        Relayers relayers = new Relayers(databases.getMongoDatabase().block(Duration.ofSeconds(30)),
                properties.getInstance(), OutboxRelay.LEASE);
        relayers.beat().block(Duration.ofSeconds(30));
        return relayers;
    }

    @Bean
    public OutboxRelay outboxRelay(MongoEventStore store, EventPublisher publisher, Relayers relayers,
                                   io.jiebang.platform.deadletter.DeadLetterStore deadLetters, PlatformProperties properties) {
        return new OutboxRelay(store, publisher, relayers, deadLetters, properties.getServiceName());
    }

    @Bean
    public OutboxMetrics outboxMetrics(ReactiveMongoDatabaseFactory databases, OutboxRelay relay, MeterRegistry meters,
                                       PlatformProperties properties) {
        return new OutboxMetrics(new OutboxBacklog(databases.getMongoDatabase().block(Duration.ofSeconds(30))), relay, meters,
                properties.getMetrics().getOutboxInterval());
    }

    @Bean
    public CommandExecutor commandExecutor(MongoEventStore store, Clock clock, PlatformProperties properties,
                                           OutboxRelay relay, StreamSetStore sets) {
        return new CommandExecutor(store, clock, "/jiebang/" + properties.getServiceName(), relay, sets);
    }

    @Bean
    public StreamSets streamSets(CommandExecutor executor, MongoEventStore store, StreamSetStore sets) {
        return new StreamSets(executor, store, sets);
    }
}
