package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.LocalStack;
import io.jiebang.devstack.ProjectHome;
import io.jiebang.events.KafkaTopics;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command-line examples for outside readers of the public topics (examples/kcat, examples/python), run as a
 * newcomer runs them, as processes against the stack's broker. Skipped, saying why, where kcat, jq or Debian's
 * python3-kafka are not installed (deploy/setup/example-tools.sh installs them; make test runs it).
 */
class CommandLineConsumersIT {

    private static final Path HOME = ProjectHome.find();
    private static final Path KCAT_RECIPE = HOME.resolve("examples/kcat/read-topic.sh");
    private static final Path PYTHON_EXAMPLE = HOME.resolve("examples/python/topics_per_batch.py");
    /** Debian's interpreter, the one that sees python3-kafka (a pyenv or virtualenv python3 on the PATH may not). */
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);
    /** A line of the kcat recipe: time, type, subject. */
    private static final Pattern EVENT_LINE = Pattern.compile("(\\S+) (\\S+) (\\S+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theKcatRecipePrintsAPublicTopicsEventsOneLineEachAndFiltersBySubject() {
        Assumptions.assumeTrue(installed("kcat") && installed("jq"),
                "the kcat recipe needs kcat and jq: run deploy/setup/example-tools.sh (make test does)");
        LocalStack stack = RunningStack.get();
        Api api = RunningStack.api();
        Board board = new Board(api);
        String batchId = api.createOpenBatch("kcat 示例批次");
        String claimed = board.postAndPublish("street-03", batchId, "kcat 读到的榜单", "FIRST_COME", 0, 30);
        String other = board.postAndPublish("street-03", batchId, "同批的另一题", "FIRST_COME", 0, 30);
        board.claimAndAwait(claimed, "dept-03");

        // The public copies reach Kafka a moment after the board shows the change: the claim and its award.
        String claims = KafkaTopics.publicTopic(KafkaTopics.CLAIMS);
        AtomicReference<List<String>> expected = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            expected.set(lines(records(stack, claims), claimed));
            assertThat(expected.get()).hasSize(2);
        });
        assertThat(run(List.of(KCAT_RECIPE.toString(), "claims", claimed)))
                .as("the claim's events on " + claims + " as Kafka holds them, in order").isEqualTo(expected.get());

        String topics = KafkaTopics.publicTopic(KafkaTopics.TOPICS);
        List<String> published = lines(records(stack, topics), claimed);
        assertThat(published).as("a topic's one public event on " + topics).hasSize(1);
        Matcher line = EVENT_LINE.matcher(published.get(0));
        assertThat(line.matches()).as(published.get(0)).isTrue();
        assertThat(line.group(2)).as("the type on the wire, or its name in older records")
                .matches("io\\.jiebang\\.topic\\.published\\.v1|TopicPublished");
        assertThat(Instant.parse(line.group(1))).as("the event's time").isNotNull();
        assertThat(run(List.of(KCAT_RECIPE.toString(), "topics", claimed))).as("only the events about the topic asked for")
                .isEqualTo(published);
        List<String> ofOther = lines(records(stack, topics), other);
        assertThat(ofOther).hasSize(1);
        List<String> all = run(List.of(KCAT_RECIPE.toString(), topics));
        assertThat(all).as("every subject's events in the whole topic").contains(published.get(0), ofOther.get(0));
        assertThat(all).allSatisfy(text -> assertThat(text).matches(EVENT_LINE));
    }

    @Test
    void thePythonExampleCountsEachBatchsTopicsPublishedAwardedAndResolvedEachEventOnce() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON) && exitCode(List.of(PYTHON.toString(), "-c", "import kafka")) == 0,
                "the Python example needs " + PYTHON + " with Debian's python3-kafka: run deploy/setup/example-tools.sh (make test does)");
        LocalStack stack = RunningStack.get();
        Api api = RunningStack.api();
        Board board = new Board(api);
        String name = "Python 示例批次";
        String batchId = api.createOpenBatch(name);
        // Resolved: awarded, done, accepted by the poster.
        String resolved = board.postAndPublish("street-04", batchId, "已销号的题", "FIRST_COME", 0, 30);
        board.claimAndAwait(resolved, "dept-04");
        board.submit(resolved, "dept-04");
        board.accept(resolved, "street-04");
        // Awarded and accepted too, but the residents were not satisfied: reopened, so not resolved now.
        String reopened = board.postAndPublish("street-04", batchId, "群众不满意的题", "FIRST_COME", 0, 30);
        board.claimAndAwait(reopened, "dept-05");
        board.resolveAndEvaluate(reopened, "dept-05", "street-04", List.of("DISSATISFIED"), "REOPENED");
        // Published only.
        board.postAndPublish("street-04", batchId, "无人认领的题", "FIRST_COME", 0, 30);
        String expected = batchId + " " + name + ": 3 published, 2 awarded, 1 resolved";

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(run(List.of(PYTHON.toString(), PYTHON_EXAMPLE.toString()))).contains(expected));

        // The same event on Kafka twice, as after a producer's retry: the resolution's acceptance again, now after the
        // reopening. Counted twice, it would make the reopened topic resolved.
        String resolutions = KafkaTopics.publicTopic(KafkaTopics.RESOLUTIONS);
        AtomicReference<List<ConsumerRecord<String, String>>> ofReopened = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            ofReopened.set(records(stack, resolutions).stream().filter(record -> reopened.equals(record.key())).toList());
            assertThat(ofReopened.get()).extracting(record -> boardName(event(record).path("type").asString()))
                    .containsSubsequence("ResolutionAccepted", "TopicReopened");
        });
        ConsumerRecord<String, String> acceptance = ofReopened.get().stream()
                .filter(record -> boardName(event(record).path("type").asString()).equals("ResolutionAccepted"))
                .findFirst().orElseThrow();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrap()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(resolutions, acceptance.partition(), acceptance.key(), acceptance.value(),
                    acceptance.headers())).get(30, TimeUnit.SECONDS);
        }
        String acceptanceId = event(acceptance).path("id").asString();
        List<ConsumerRecord<String, String>> again = records(stack, resolutions).stream()
                .filter(record -> reopened.equals(record.key())).toList();
        assertThat(again).as("the acceptance twice, the second after the reopening")
                .filteredOn(record -> event(record).path("id").asString().equals(acceptanceId)).hasSize(2);
        assertThat(again.get(again.size() - 1).value()).isEqualTo(acceptance.value());

        assertThat(run(List.of(PYTHON.toString(), PYTHON_EXAMPLE.toString()))).as("each event counted once").contains(expected);
    }

    /**
     * The board's name of the two types the test looks for, from the type on the wire: reverse-DNS, or the board's name
     * itself in records written before 2026-11-30 (docs/events-changelog.md).
     */
    private static String boardName(String type) {
        return switch (type) {
            case "io.jiebang.resolution.accepted.v1" -> "ResolutionAccepted";
            case "io.jiebang.resolution.topic-reopened.v1" -> "TopicReopened";
            default -> type;
        };
    }

    /** What the recipe should print for the subject's events among the records: time, type, subject. */
    private static List<String> lines(List<ConsumerRecord<String, String>> records, String subject) {
        return records.stream().filter(record -> subject.equals(record.key())).map(CommandLineConsumersIT::event)
                .map(event -> event.path("time").asString() + " " + event.path("type").asString() + " "
                        + event.path("subject").asString())
                .toList();
    }

    /** Runs an example against the stack's broker; its output's lines once it has finished, successfully. */
    private static List<String> run(List<String> command) {
        Result result = start(command, true);
        assertThat(result.exitCode()).as(command + " failed:\n" + result.errors()).isZero();
        assertThat(result.errors()).as(command + " complained").isBlank();
        return result.output().lines().toList();
    }

    private static int exitCode(List<String> command) {
        return start(command, false).exitCode();
    }

    private record Result(int exitCode, String output, String errors) {
    }

    private static Result start(List<String> command, boolean toTheStack) {
        try {
            Path output = Files.createTempFile("example", ".out");
            Path errors = Files.createTempFile("example", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(output.toFile()).redirectError(errors.toFile());
                // The plain connection of the README, whatever this machine's environment says.
                List.of("KCAT_CONFIG", "FOLLOW", "KAFKA_SASL_USERNAME").forEach(builder.environment()::remove);
                if (toTheStack) {
                    builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", RunningStack.get().kafkaBootstrap());
                }
                Process process = builder.start();
                if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError(command + " did not finish within " + PROCESS_TIMEOUT + ":\n"
                            + Files.readString(output) + Files.readString(errors));
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                        Files.readString(errors, StandardCharsets.UTF_8));
            } finally {
                Files.delete(output);
                Files.delete(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every record now on the topic, from the beginning. */
    private static List<ConsumerRecord<String, String>> records(LocalStack stack, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    /** The CloudEvent of a record; empty for a record that is not JSON (poison left by other tests). */
    private static JsonNode event(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (JacksonException notAnEvent) {
            return JSON.createObjectNode();
        }
    }

    private static boolean installed(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
