package io.jiebang.platform;

import io.jiebang.platform.command.Answers;
import io.jiebang.platform.deadletter.DeadLetterController;
import io.jiebang.platform.deadletter.DeadLetterOperations;
import io.jiebang.platform.deadletter.DeadLetterReplayer;
import io.jiebang.platform.deadletter.DeadLetterStore;
import io.jiebang.events.EventCodec;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import io.jiebang.platform.messaging.Inbox;
import io.jiebang.platform.messaging.DeadLetters;
import io.jiebang.platform.messaging.FromTheBeginning;
import io.jiebang.platform.messaging.InboxBinding;
import io.jiebang.platform.observability.InboxObservations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import java.util.function.Consumer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.messaging.Message;
import io.jiebang.platform.time.AdjustableClock;
import io.jiebang.platform.time.ClockController;
import io.jiebang.platform.time.ScheduledWork;
import io.jiebang.platform.time.SchedulerLockStore;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import io.jiebang.platform.time.WorkScheduler;
import io.jiebang.platform.web.ActorArgumentResolver;
import io.jiebang.platform.web.CommandRequests;
import io.jiebang.platform.problem.ProblemDetailsAdvice;
import io.jiebang.platform.problem.ProblemMessages;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;
import io.jiebang.platform.web.StrictOffsetDateTimeDeserializer;
import java.time.OffsetDateTime;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the chassis into every service: clock, scheduler, inbox, web conventions. The event-sourcing part
 * (store, executor, relay) is {@link EventSourcingAutoConfiguration}, which the console does without.
 */
@AutoConfiguration
@EnableConfigurationProperties(PlatformProperties.class)
@Import(ProblemDetailsAdvice.class)
public class PlatformAutoConfiguration {

    private static final String INBOX_BINDING = "inbox-in-0";
    private static final String BATCH_MODE = "spring.cloud.stream.bindings." + INBOX_BINDING + ".consumer.batch-mode";

    @Bean
    @ConditionalOnMissingBean
    public AdjustableClock clock() {
        return new AdjustableClock(Clock.systemUTC());
    }

    /** Every event this service writes names where its schema is served ({@code dataschema}). */
    @Bean
    public org.springframework.beans.factory.InitializingBean eventSchemasUrl(
            @org.springframework.beans.factory.annotation.Value("${jiebang.events.schemas-url}") String url) {
        return () -> io.jiebang.events.EventCodec.publishSchemasAt(url);
    }

    /** Bad input is refused, not guessed at: unknown fields, "7" for a number, 1 for an enum, null for a number. */
    @Bean
    public JsonMapperBuilderCustomizer strictJsonInput() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, refuse(CoercionInputShape.Integer, CoercionInputShape.Float,
                        CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Integer, refuse(CoercionInputShape.String, CoercionInputShape.Float,
                        CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.DateTime, refuse(CoercionInputShape.Integer, CoercionInputShape.Float))
                .withCoercionConfig(LogicalType.Enum, refuse(CoercionInputShape.Integer))
                .addModule(new SimpleModule("strict-times").addDeserializer(OffsetDateTime.class,
                        new StrictOffsetDateTimeDeserializer()));
    }

    private static java.util.function.Consumer<MutableCoercionConfig> refuse(CoercionInputShape... shapes) {
        return config -> {
            for (CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }

    @Bean
    public Answers answers(JsonMapper json) {
        return new Answers(json);
    }

    @Bean
    public CommandRequests commandRequests(JsonMapper json) {
        return new CommandRequests(json);
    }

    @Bean
    public ProblemMessages problemMessages(MessageSource messageSource) {
        return new ProblemMessages(messageSource);
    }

    @Bean
    public WorkScheduler workScheduler(ObjectProvider<ScheduledWork> work, Clock clock, PlatformProperties properties,
                                       SchedulerLockStore locks) {
        List<ScheduledWork> all = work.orderedStream().toList();
        return new WorkScheduler(all, clock, properties.getScheduler().getInterval(),
                new DefaultLockingTaskExecutor(new MongoLockProvider(locks.collection())));
    }

    @Bean
    public SchedulerLockStore schedulerLockStore(Environment environment) {
        return new SchedulerLockStore(environment.getRequiredProperty("spring.mongodb.uri"),
                environment.getRequiredProperty("spring.mongodb.database"));
    }

    @Bean
    @ConditionalOnProperty(name = "jiebang.clock.adjustable", havingValue = "true")
    public ClockController clockController(AdjustableClock clock, WorkScheduler scheduler, Environment environment) {
        return new ClockController(clock, scheduler, environment);
    }

    /** The service's dead letters, in its own database: what it could not process, for its coordinators. */
    @Bean
    public DeadLetterStore deadLetterStore(ReactiveMongoDatabaseFactory databases) {
        return new DeadLetterStore(databases.getMongoDatabase().block(Duration.ofSeconds(30)));
    }

    /** Lists, replays and discards the dead letters, recording each action on the service's dead-letter topic. */
    @Bean
    public DeadLetterOperations deadLetterOperations(PlatformProperties properties, DeadLetterStore store, Clock clock,
                                                     StreamBridge streamBridge, ObjectProvider<DeadLetterReplayer> replayers) {
        DeadLetterOperations.EventSender sender = (topic, key, json) -> streamBridge.send(topic,
                MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8))
                        .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                        .setHeader("content-type", EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))
                        .build());
        return new DeadLetterOperations(properties.getServiceName(), store, clock, sender, replayers.orderedStream().toList());
    }

    @Bean
    public DeadLetterController deadLetterController(DeadLetterOperations operations) {
        return new DeadLetterController(operations);
    }

    /** Events of dead-letter actions that a crash or a broker outage kept from Kafka go out once the service is up. */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> deadLetterEventsAtStart(DeadLetterOperations operations) {
        return ready -> operations.publishPending().subscribe(null, e -> { });
    }

    /** Hands consumed records to the service's {@link Inbox}, and dead letters back to it when replayed. */
    @Bean
    @ConditionalOnBean(Inbox.class)
    public InboxBinding inboxBinding(Inbox inbox, StreamBridge streamBridge, PlatformProperties properties,
                                     MeterRegistry meters, ObjectProvider<ObservationRegistry> observations,
                                     DeadLetterStore deadLetterStore) {
        return new InboxBinding(inbox, new DeadLetters(streamBridge, properties.getServiceName(), meters, deadLetterStore),
                new InboxObservations(observations.getIfAvailable(() -> ObservationRegistry.NOOP)));
    }

    /** The consumer of other services' events; bound as {@code inbox-in-0} when the service has an {@link Inbox}. */
    @Bean("inbox")
    @ConditionalOnBean(Inbox.class)
    @ConditionalOnProperty(name = BATCH_MODE, havingValue = "false", matchIfMissing = true)
    public Consumer<Message<byte[]>> inboxByRecord(InboxBinding binding) {
        return binding::accept;
    }

    /** The same a poll at a time ({@link Inbox#handleAll}), when the service binds its inbox in batch mode. */
    @Bean("inbox")
    @ConditionalOnBean(Inbox.class)
    @ConditionalOnProperty(name = BATCH_MODE, havingValue = "true")
    public Consumer<Message<List<byte[]>>> inboxByPoll(InboxBinding binding) {
        return binding::acceptAll;
    }

    @Bean
    @ConditionalOnBean(Inbox.class)
    public FromTheBeginning fromTheBeginning(Inbox inbox) {
        return new FromTheBeginning(inbox);
    }

    /**
     * What reaches the listener container is an infrastructure failure (the store is away): retry the same
     * record, backing off, for as long as it takes, instead of the default of skipping it after ten tries.
     */
    @Bean
    public ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> retryUntilStored() {
        return (container, destination, group) -> {
            ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
            backOff.setMaxInterval(10_000);
            container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        };
    }

    @Bean
    public WebFluxConfigurer actorArguments() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new ActorArgumentResolver());
            }
        };
    }
}
