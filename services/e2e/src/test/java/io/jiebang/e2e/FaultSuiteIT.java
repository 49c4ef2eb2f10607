package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.LocalStack;
import io.jiebang.devstack.ProjectHome;
import io.jiebang.devstack.ServiceSpec;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.KafkaTopics;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.topic.TopicPosted;
import io.jiebang.events.topic.TopicPublished;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.producer.RecordMetadata;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The fault suite ({@code make chaos}): under a steady stream of commands from several clients, each fault
 * in turn — kill -9 of every service, the broker stopped for a while and killed, the store killed, a consumer
 * group replayed from the start, poison messages — and after each one, counting the commands of that fault's
 * window: every command answered 2xx has its effect exactly once in every service's store and in the read model;
 * nothing answered 4xx left a trace. And, whatever command caused it, every event of every type is held once by
 * each service that reads it (docs/events.md) and by the read model, in its producer's order.
 */
@EnabledIfSystemProperty(named = "chaos", matches = "true", disabledReason = "the fault suite runs with make chaos")
class FaultSuiteIT {

    static final int CLIENTS = 4;
    static final Duration LOAD_BETWEEN_FAULTS = Duration.ofSeconds(8);
    /** The events of awards and rounds, which the clients' give-backs cause: each window must carry them. */
    static final List<String> AWARD_AND_ROUND_EVENTS = List.of("ClaimAwarded", "AwardWithdrawn", "RoundOpened");

    final LocalStack stack = RunningStack.get();
    final Api api = RunningStack.api();
    final Board board = new Board(api);
    final EventDeliveries deliveries = EventDeliveries.fromCatalogPage(ProjectHome.find().resolve("docs/events.md"));

    /** The commands of one fault's window and their effects, found by each command's marker. */
    record Commands(long sent, long accepted, long refused, long unanswered, long effectsExpected,
                    long effectsFound, long duplicates, long losses, long tracesOfRefused) {
    }

    /** What one fault's window came to: its commands, and every event's deliveries once it had settled. */
    record Figures(String fault, Commands commands, EventDeliveries.Check events) {
    }

    @Test
    void nothingIsLostNothingIsDoneTwice() throws Exception {
        String batchId = api.createOpenBatch("故障演练批次");
        List<String> bidTopics = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bidTopics.add(board.postAndPublish("street-01", batchId, "竞标题 " + i, "POSTER_SELECTS", 0, 60));
        }
        List<String> reportTopics = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String topic = board.postAndPublish("street-01", batchId, "进展题 " + i, "FIRST_COME", 0, 60);
            board.claimAndAwait(topic, "dept-01");
            reportTopics.add(topic);
        }
        for (String topic : reportTopics) {
            api.awaitTopic(topic, "dept-01", t -> t.get("status").asString().equals("AWARDED"));
        }
        List<String> roundTopics = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            roundTopics.add(board.postAndPublish("street-01", batchId, "轮次题 " + client, "FIRST_COME", 0, 60));
        }
        Workload load = new Workload(api, bidTopics, reportTopics, roundTopics);
        List<Figures> figures = new ArrayList<>();

        for (ServiceSpec service : ServiceSpec.ALL) {
            // With several instances, one is killed while the others serve.
            ServiceSpec.Instance victim = service.instance(1);
            String which = stack.replicas() == 1 ? service.name() : victim.name() + " (1 of " + stack.replicas() + ")";
            figures.add(underLoad(load, batchId, "kill -9 " + which + ", restart", () -> {
                stack.kill(victim);
                pause(Duration.ofSeconds(3));
                stack.startInstances(List.of(victim));
            }));
        }
        if (stack.replicas() > 1) {
            ServiceSpec.Instance console = ServiceSpec.CONSOLE.instance(2);
            figures.add(underLoad(load, batchId, "kill -9 " + console.name() + ", restart with an empty local cache", () -> {
                stack.kill(console);
                deleteTree(stack.dataDir().resolve(console.name()));
                stack.startInstances(List.of(console));
            }));
        }
        figures.add(underLoad(load, batchId, "Kafka broker stopped 15 s, restarted", () -> {
            stack.stopBroker();
            pause(Duration.ofSeconds(15));
            stack.startBroker();
        }));
        figures.add(underLoad(load, batchId, "Kafka broker killed (kill -9), restarted after 15 s", () -> {
            stack.killBroker();
            pause(Duration.ofSeconds(15));
            stack.startBroker();
        }));
        figures.add(underLoad(load, batchId, "store killed (kill -9), restarted", () -> {
            stack.killStore();
            pause(Duration.ofSeconds(3));
            stack.startStore();
        }));
        figures.add(underLoad(load, batchId, "dispatch-service's consumer group replayed from offset 0", () -> {
            stack.stop(ServiceSpec.DISPATCH);
            rewind("dispatch-service");
            stack.startServices(List.of(ServiceSpec.DISPATCH));
        }));
        figures.add(underLoad(load, batchId, "poison messages on jiebang.topics and jiebang.claims", this::poison));

        writeReport(figures);
        for (Figures f : figures) {
            Commands commands = f.commands();
            assertThat(commands.duplicates()).as("duplicates after " + f.fault()).isZero();
            assertThat(commands.losses()).as("losses after " + f.fault()).isZero();
            assertThat(commands.tracesOfRefused()).as("traces of refused commands after " + f.fault()).isZero();
            assertThat(commands.unanswered()).as("commands without a definite answer after " + f.fault()).isZero();
            assertThat(commands.accepted()).as("commands accepted in the window of " + f.fault()).isPositive();
            EventDeliveries.Check events = f.events();
            assertThat(events.writtenByType()).as("events written in the window of " + f.fault())
                    .containsKeys(AWARD_AND_ROUND_EVENTS.toArray(String[]::new));
            assertThat(events.duplicates()).as("events held twice after " + f.fault()).isZero();
            assertThat(events.losses()).as("events missing at a reader after " + f.fault()).isZero();
            assertThat(events.orderViolations()).as("events stored out of their producer's order after " + f.fault()).isZero();
        }
        assertPoisonDeadLettered();
    }

    /** Load, the fault, more load; then, once everything has settled, the count of that window's commands and of every event. */
    private Figures underLoad(Workload load, String batchId, String fault, Runnable inject) {
        load.start(batchId);
        pause(LOAD_BETWEEN_FAULTS);
        inject.run();
        pause(LOAD_BETWEEN_FAULTS);
        load.stop();
        awaitSettled();
        Figures f;
        try (Stores stores = new Stores(stack)) {
            Stores.Snapshot snapshot = stores.snapshot();
            f = new Figures(fault, count(fault, load.sent(), snapshot), deliveries.check(snapshot));
        }
        System.out.println("[chaos] " + f.fault() + ": " + f.commands() + "; events written " + f.events().writtenByType()
                + ", deliveries due " + f.events().due() + ", once " + f.events().deliveredOnce());
        if (!f.events().where().isEmpty()) {
            System.out.println("[chaos] events amiss, after " + fault + ": " + f.events().where());
        }
        return f;
    }

    /** Everything published, every consumer caught up, the read model stable. */
    private void awaitSettled() {
        try (Stores stores = new Stores(stack); KafkaOffsets kafka = new KafkaOffsets(stack.kafkaBootstrap())) {
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (ServiceSpec spec : ServiceSpec.ALL) {
                    if (spec != ServiceSpec.CONSOLE && stores.collection(spec, "commits")
                            .countDocuments(new org.bson.Document("published", false)) > 0) {
                        return false;
                    }
                }
                Map<TopicPartition, Long> ends = kafka.endOffsets();
                for (ServiceSpec spec : ServiceSpec.ALL) {
                    if (spec == ServiceSpec.TOPIC) {
                        continue;
                    }
                    Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin()
                            .listConsumerGroupOffsets(spec.name()).partitionsToOffsetAndMetadata().get();
                    for (Map.Entry<TopicPartition, OffsetAndMetadata> c : committed.entrySet()) {
                        Long end = ends.get(c.getKey());
                        if (end != null && c.getValue() != null && c.getValue().offset() < end) {
                            return false;
                        }
                    }
                }
                return true;
            });
        }
    }

    /** Counts every accepted command's effects in every store that should hold them, by the command's marker. */
    private Commands count(String fault, List<Workload.Sent> sent, Stores.Snapshot snapshot) {
        Map<String, List<EventEnvelope>> byService = new HashMap<>();
        snapshot.services().forEach((spec, events) -> byService.put(spec.name(),
                events.stream().map(Stores.StoredEvent::envelope).toList()));
        byService.put("console", snapshot.readModel().values().stream().flatMap(List::stream).toList());
        Map<String, Map<String, Long>> markers = new HashMap<>();
        byService.forEach((service, events) -> markers.put(service, events.stream()
                .map(FaultSuiteIT::markerOf).filter(m -> m != null)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))));

        long expected = 0;
        long found = 0;
        long duplicates = 0;
        long losses = 0;
        long traces = 0;
        Map<String, Long> anomalies = new java.util.TreeMap<>();
        for (Workload.Sent command : sent) {
            for (String service : storesHolding(command.kind())) {
                long count = markers.get(service).getOrDefault(key(command), 0L);
                if (command.accepted()) {
                    expected++;
                    found += Math.min(count, 1);
                    duplicates += Math.max(0, count - 1);
                    losses += count == 0 ? 1 : 0;
                    if (count != 1) {
                        anomalies.merge(service + (count == 0 ? " lost " : " twice ") + command.kind(), 1L, Long::sum);
                    }
                } else if (command.refused()) {
                    traces += count;
                }
            }
        }
        if (!anomalies.isEmpty()) {
            System.out.println("[chaos] where, after " + fault + ": " + anomalies);
        }
        return new Commands(sent.size(), sent.stream().filter(Workload.Sent::accepted).count(),
                sent.stream().filter(Workload.Sent::refused).count(),
                sent.stream().filter(s -> !s.accepted() && !s.refused()).count(), expected, found, duplicates, losses, traces);
    }

    /** Where a command's effect must be, once: its owner's store, the stores that record it, the read model. */
    private static List<String> storesHolding(Workload.Kind kind) {
        return switch (kind) {
            case POST_TOPIC -> List.of("topic-service", "console");
            case PUBLISH -> List.of("topic-service", "claim-service", "dispatch-service", "resolution-service", "console");
            case BID, INVALID_CLAIM, FIRST_COME_CLAIM -> List.of("claim-service", "console");
            case REPORT -> List.of("dispatch-service", "console");
            case GIVE_BACK -> List.of("claim-service", "dispatch-service", "resolution-service", "console");
        };
    }

    /** The marker an effect is counted under: publications under "published:" + the topic's own marker. */
    private static String key(Workload.Sent command) {
        return command.kind() == Workload.Kind.PUBLISH ? "published:" + command.marker() : command.marker();
    }

    private static String markerOf(EventEnvelope event) {
        if (event.data() instanceof TopicPosted posted) {
            return posted.title().startsWith("chaos-") ? posted.title() : null;
        }
        if (event.data() instanceof TopicPublished published) {
            return published.title().startsWith("chaos-") ? "published:" + published.title() : null;
        }
        if (event.data() instanceof ClaimSubmitted claim) {
            return claim.plan().startsWith("chaos-") ? claim.plan() : null;
        }
        if (event.data() instanceof ProgressReported progress) {
            return progress.note().startsWith("chaos-") ? progress.note() : null;
        }
        if (event.data() instanceof AwardWithdrawn withdrawn) {
            return withdrawn.reason() != null && withdrawn.reason().startsWith("chaos-") ? withdrawn.reason() : null;
        }
        return null;
    }

    /** Moves a stopped service's consumer group back to the beginning of every partition it had read. */
    private void rewind(String group) {
        try (KafkaOffsets kafka = new KafkaOffsets(stack.kafkaBootstrap())) {
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> earliest = committed.keySet().stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
            kafka.admin().listOffsets(earliest).all().get().forEach((p, info) -> rewound.put(p, new OffsetAndMetadata(info.offset())));
            Awaitility.await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> {
                kafka.admin().alterConsumerGroupOffsets(group, rewound).all().get();
                return true;
            });
            System.out.println("[chaos] " + group + " rewound on " + rewound.size() + " partitions");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The poison records sent, to find their dead letters by topic, partition and offset. */
    private final List<RecordMetadata> poisoned = new ArrayList<>();

    /** Who reads each poisoned topic (docs/architecture.md): each of them must have dead-lettered each poison record. */
    private static final Map<String, List<String>> READERS = Map.of(
            KafkaTopics.TOPICS, List.of("claim-service", "dispatch-service", "resolution-service", "console"),
            KafkaTopics.CLAIMS, List.of("dispatch-service", "resolution-service", "console"));

    /**
     * Every reader of a poisoned topic lists exactly one dead letter of each poison record (its id is the record's
     * topic, partition and offset, so a record consumed twice is still one), unreadable and still dead; a service
     * that does not read the topic lists none. Each reader's dead-letter topic holds at least those records (a
     * record consumed again before its offset was committed is sent there again), and topic-service's, which reads
     * nothing, none.
     */
    private void assertPoisonDeadLettered() throws Exception {
        assertThat(poisoned).hasSize(2);
        Map<String, Integer> expected = new HashMap<>();
        for (RecordMetadata record : poisoned) {
            String id = record.topic() + "-" + record.partition() + "-" + record.offset();
            for (String service : KafkaTopics.SERVICES) {
                boolean reads = READERS.get(record.topic()).contains(service);
                List<JsonNode> listed = new ArrayList<>();
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    listed.clear();
                    api.get("/api/dead-letters/" + service, "coordinator").expect(200).body().forEach(letter -> {
                        if (letter.get("id").asString().equals(id)) {
                            listed.add(letter);
                        }
                    });
                    return listed.size() == (reads ? 1 : 0);
                });
                if (reads) {
                    assertThat(listed.get(0).get("status").asString()).as(service + " " + id).isEqualTo("DEAD");
                    assertThat(listed.get(0).get("exception").asString()).as(service + " " + id)
                            .isEqualTo("io.jiebang.events.MalformedEventException");
                    expected.merge(service, 1, Integer::sum);
                }
            }
        }
        assertThat(expected).containsOnlyKeys("claim-service", "dispatch-service", "resolution-service", "console");
        Map<String, Long> onTopics = deadLettersPerTopic();
        for (String service : KafkaTopics.SERVICES) {
            long sent = onTopics.getOrDefault(KafkaTopics.deadLetter(service), 0L);
            if (expected.containsKey(service)) {
                assertThat(sent).as("records on " + KafkaTopics.deadLetter(service)).isGreaterThanOrEqualTo(expected.get(service));
            } else {
                assertThat(sent).as("records on " + KafkaTopics.deadLetter(service)).isZero();
            }
        }
    }

    private void poison() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (String topic : List.of(KafkaTopics.TOPICS, KafkaTopics.CLAIMS)) {
                poisoned.add(producer.send(new ProducerRecord<>(topic, "poison".getBytes(StandardCharsets.UTF_8),
                        "{\"specversion\":\"1.0\",\"garbage\":".getBytes(StandardCharsets.UTF_8))).get());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The records on each dead-letter topic. */
    private Map<String, Long> deadLettersPerTopic() throws Exception {
        try (KafkaOffsets kafka = new KafkaOffsets(stack.kafkaBootstrap())) {
            List<String> dlts = kafka.admin().listTopics().names().get().stream().filter(t -> t.startsWith("jiebang.dlt.")).toList();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            kafka.admin().describeTopics(dlts).allTopicNames().get().values().forEach(t -> t.partitions()
                    .forEach(p -> request.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
            Map<String, Long> perTopic = new HashMap<>();
            kafka.admin().listOffsets(request).all().get().forEach((partition, end) -> perTopic.merge(partition.topic(), end.offset(), Long::sum));
            return perTopic;
        }
    }

    private void writeReport(List<Figures> figures) throws Exception {
        StringBuilder table = new StringBuilder("| fault | commands sent | accepted (2xx) | refused (4xx) | unanswered "
                + "| effects expected | effects found | duplicates | losses | traces of refused "
                + "| events written | deliveries due | delivered once | events held twice | events missing | out of order |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Figures f : figures) {
            Commands c = f.commands();
            EventDeliveries.Check e = f.events();
            table.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n",
                    f.fault(), c.sent(), c.accepted(), c.refused(), c.unanswered(), c.effectsExpected(), c.effectsFound(),
                    c.duplicates(), c.losses(), c.tracesOfRefused(), e.written(), e.due(), e.deliveredOnce(), e.duplicates(),
                    e.losses(), e.orderViolations()));
        }
        table.append("\nCommand figures (commands sent to traces of refused) count only the commands sent in that fault's window: ")
                .append("the load before it, the fault, the load after it. *Events written*: the events the owning services ")
                .append("stored in that window, of every type. The delivery figures look at every event stored so far, as a ")
                .append("fault may duplicate an old one: *deliveries due* are its (event, reader) pairs by docs/events.md, the ")
                .append("read model counting as the console's for topic events; *out of order*: events a reader stored after a ")
                .append("later one of the same producer's aggregate. ")
                .append(stack.replicas()).append(" instance(s) of each service. Run on ")
                .append(Instant.now()).append(" by `make chaos`.\n");
        Path out = ProjectHome.find().resolve("services/e2e/target/chaos-report" + (stack.replicas() == 1 ? "" : "-" + stack.replicas() + "-instances") + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        System.out.println(table);
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
