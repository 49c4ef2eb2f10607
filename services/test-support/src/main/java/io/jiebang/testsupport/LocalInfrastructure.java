package io.jiebang.testsupport;

import io.jiebang.devstack.LocalStack;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The real broker and store for integration tests, started once per test JVM: Apache Kafka's broker and
 * the MongoDB-wire store from the devstack (or {@code KAFKA_BOOTSTRAP_SERVERS} / {@code MONGODB_URI} when
 * given; real MongoDB through Testcontainers when Docker is there).
 */
public final class LocalInfrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile LocalInfrastructure instance;

    private final String kafkaBootstrap;
    private final String mongoUri;
    private final String description;
    private final LocalStack stack;

    private LocalInfrastructure() {
        String givenMongo = System.getenv("MONGODB_URI");
        String mongo = givenMongo;
        String mongoKind = "MongoDB at MONGODB_URI";
        if ((mongo == null || mongo.isBlank()) && DockerClientFactory.instance().isDockerAvailable()) {
            MongoDBContainer container = new MongoDBContainer("mongo:8.0");
            container.start();
            mongo = container.getConnectionString();
            mongoKind = "real MongoDB in Docker (Testcontainers)";
        }
        LocalStack.Options options = new LocalStack.Options().temporaryData("jiebang-it-").freePorts();
        if (mongo != null && !mongo.isBlank()) {
            options.mongoUri(mongo);
        } else {
            mongoKind = "the embedded MongoDB-wire store (no Docker here)";
        }
        this.stack = LocalStack.create(options);
        stack.startInfrastructure();
        this.kafkaBootstrap = stack.kafkaBootstrap();
        this.mongoUri = stack.mongoUri();
        this.description = "Kafka " + kafkaBootstrap + ", " + mongoKind + " " + mongoUri;
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "test-infrastructure-stop"));
        System.out.println("[test infrastructure] " + description);
    }

    public static LocalInfrastructure get() {
        if (instance == null) {
            synchronized (LocalInfrastructure.class) {
                if (instance == null) {
                    instance = new LocalInfrastructure();
                }
            }
        }
        return instance;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String mongoUri() {
        return mongoUri;
    }

    public LocalStack stack() {
        return stack;
    }

    /** Points a Spring Boot test at the broker and at a database of its own. */
    public static void register(DynamicPropertyRegistry registry, String databasePrefix) {
        LocalInfrastructure infrastructure = get();
        String database = databasePrefix + "-" + ProcessHandle.current().pid() + "-" + DATABASES.incrementAndGet();
        registry.add("spring.cloud.stream.kafka.binder.brokers", infrastructure::kafkaBootstrap);
        registry.add("spring.mongodb.uri", infrastructure::mongoUri);
        registry.add("spring.mongodb.database", () -> database);
        // A consumer group per test context, as per database: each reads every event from the start, and none
        // takes partitions (or committed offsets) from another test's context of the same service.
        registry.add("spring.cloud.stream.bindings.inbox-in-0.group", () -> database);
    }
}
