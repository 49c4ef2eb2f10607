package io.jiebang.e2e.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.jiebang.devstack.ServiceSpec;
import io.jiebang.events.KafkaTopics;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * What the parts under the services do on their own, measured in the same run on the same machine, so the
 * services' figures can be read as ratios that survive a noisy machine: the broker (produce to consume, with
 * records the size of the board's events, acknowledged as the outbox relay asks), the store (inserts and
 * finds by {@code _id} of documents the size of the services' commits, through the same driver) and plain
 * HTTP (a request directly to a service and through the gateway). Each is a closed loop of a few callers.
 */
final class Baselines {

    private static final String SCRATCH_DATABASE = "jiebang-bench-scratch";
    private static final int SAMPLE = 500;
    private static final int WARM_UP = 50;

    /** One baseline: how many operations completed in how long, how many failed, and their latencies (µs). */
    record Measured(String name, String what, long count, double seconds, long failures, Histogram latency) {

        double perSecond() {
            return count / seconds;
        }
    }

    private final Duration duration;
    private final int callers;

    Baselines(Duration duration, int callers) {
        this.duration = duration;
        this.callers = callers;
    }

    /** Each caller sends a record, waits for the broker's acknowledgement (acks=all) and then for a consumer to read it. */
    Measured kafka(String bootstrap) throws Exception {
        int recordBytes = averageEventRecordBytes(bootstrap);
        String topic = "bench.baseline." + UUID.randomUUID();
        Properties common = new Properties();
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Map<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
            AtomicBoolean reading = new AtomicBoolean(true);
            CountDownLatch positioned = new CountDownLatch(1);
            Thread reader = new Thread(() -> read(bootstrap, topic, waiting, reading, positioned), "bench-kafka-reader");
            reader.start();
            positioned.await(30, TimeUnit.SECONDS);
            Properties producerProps = new Properties();
            producerProps.putAll(common);
            // As the services' outbox relay sends (jiebang-platform.yml): idempotent, acks=all, no lingering.
            producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
            producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            byte[] value = new byte[Math.max(1, recordBytes - Long.BYTES)];
            AtomicLong ids = new AtomicLong();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
                Callable<Void> roundTrip = () -> {
                    long id = ids.incrementAndGet();
                    CompletableFuture<Void> consumed = new CompletableFuture<>();
                    waiting.put(id, consumed);
                    producer.send(new ProducerRecord<>(topic, ByteBuffer.allocate(Long.BYTES).putLong(id).array(), value)).get();
                    return consumed.get(10, TimeUnit.SECONDS);
                };
                return closedLoop("kafka", "Kafka produce (acks=all) → consume, " + recordBytes + " B records", roundTrip);
            } finally {
                reading.set(false);
                reader.join();
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void read(String bootstrap, String topic, Map<Long, CompletableFuture<Void>> waiting, AtomicBoolean reading,
                             CountDownLatch positioned) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (reading.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    CompletableFuture<Void> consumed = waiting.remove(ByteBuffer.wrap(record.key()).getLong());
                    if (consumed != null) {
                        consumed.complete(null);
                    }
                }
            }
        }
    }

    /** The average size (key and value) of the board's event records on the broker: what the baseline sends. */
    private static int averageEventRecordBytes(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, SAMPLE);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : KafkaTopics.ALL) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long bytes = 0;
            int records = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (records < SAMPLE && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    bytes += Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
                    records++;
                }
            }
            if (records == 0) {
                throw new IllegalStateException("no event records on the broker to take the size of");
            }
            return (int) (bytes / records);
        }
    }

    /** Inserts, then finds by {@code _id}, documents as large as the services' commits, in a scratch database dropped afterwards. */
    List<Measured> mongo(String uri) throws Exception {
        try (MongoClient client = MongoClients.create(uri)) {
            int documentBytes = averageCommitBytes(client);
            MongoCollection<Document> scratch = client.getDatabase(SCRATCH_DATABASE).getCollection("documents");
            String payload = "x".repeat(Math.max(1, documentBytes - 64));
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            try {
                Measured inserts = closedLoop("mongo-insert", "MongoDB insert, " + documentBytes + " B documents", () -> {
                    String id = UUID.randomUUID().toString();
                    scratch.insertOne(new Document("_id", id).append("payload", payload));
                    ids.add(id);
                    return null;
                });
                Measured finds = closedLoop("mongo-find", "MongoDB find by _id, " + documentBytes + " B documents", () -> {
                    String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    if (scratch.find(Filters.eq("_id", id)).first() == null) {
                        throw new IllegalStateException("document " + id + " not found");
                    }
                    return null;
                });
                return List.of(inserts, finds);
            } finally {
                client.getDatabase(SCRATCH_DATABASE).drop();
            }
        }
    }

    /** The average size of the commit documents the services stored during the seed. */
    private static int averageCommitBytes(MongoClient client) {
        long bytes = 0;
        int documents = 0;
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (spec == ServiceSpec.CONSOLE) {
                continue;
            }
            for (RawBsonDocument commit : client.getDatabase(spec.database()).getCollection("commits", RawBsonDocument.class)
                    .find().limit(SAMPLE / 4)) {
                bytes += commit.getByteBuffer().remaining();
                documents++;
            }
        }
        if (documents == 0) {
            throw new IllegalStateException("no commits in the store to take the size of");
        }
        return (int) (bytes / documents);
    }

    /** The same request, sent by the load client as fast as it is answered with {@code callers} under way. */
    Measured http(LoadClient client, String name, String what, HttpRequest request, int expectedStatus) {
        StepStats stats = new StepStats(name, 0);
        client.run(stats, () -> Call.of(name, false, request), 0, duration, callers);
        StepStats.PerLabel answers = stats.labels().get(name);
        long expected = answers.count(String.valueOf(expectedStatus));
        return new Measured(name, what, expected, stats.seconds(), answers.sent.sum() - expected, answers.latency);
    }

    private Measured closedLoop(String name, String what, Callable<?> operation) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            operation.call();
        }
        Histogram latency = StepStats.histogram();
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long began = System.nanoTime();
                    try {
                        operation.call();
                        latency.recordValue(Math.min(StepStats.HIGHEST_MICROS, (System.nanoTime() - began) / 1000));
                        done.increment();
                    } catch (Exception e) {
                        failed.increment();
                    }
                }
            }, "bench-" + name + "-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Measured(name, what, done.sum(), (System.nanoTime() - start) / 1e9, failed.sum(), latency);
    }
}
