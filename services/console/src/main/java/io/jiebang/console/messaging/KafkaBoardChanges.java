package io.jiebang.console.messaging;

import io.jiebang.console.application.BoardChange;
import io.jiebang.console.application.BoardChanges;
import io.jiebang.console.application.TopicListIndex;
import io.jiebang.events.KafkaTopics;
import io.jiebang.platform.relay.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * Board changes through a Kafka topic of the console's own, {@value #TOPIC}, with one partition: its offsets
 * order every change of every instance, and serve as the Server-Sent Events' ids. Each instance reads it all,
 * without a consumer group, from where its list index left off:
 * <ul>
 *   <li>topics another instance changed are re-read from the shared read model into this instance's list index,
 *       before anyone is told, so a browser told of a change finds it in the list;</li>
 *   <li>the last {@value #REMEMBERED} changes are remembered for browsers that reconnect with {@code Last-Event-ID}.</li>
 * </ul>
 * The list index keeps its position with each commit; an index that cannot be trusted is rebuilt from the read
 * model and reads on from the end of the feed as it was before the rebuild.
 */
@Component
public class KafkaBoardChanges implements BoardChanges, SmartLifecycle {

    public static final String TOPIC = KafkaTopics.CONSOLE_CHANGES;
    static final int REMEMBERED = 1_000;
    private static final String ORIGIN = "origin";
    private static final Logger log = LoggerFactory.getLogger(KafkaBoardChanges.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Object> connection;
    private final TopicListIndex index;
    private final String self;
    private final KafkaProducer<String, byte[]> producer;
    private final Sinks.Many<Positioned> told = Sinks.many().replay().limit(REMEMBERED);
    /** The position of the last change told, and of the first this run (-1: none yet). */
    private final AtomicLong last = new AtomicLong(-1);
    private volatile long first = -1;
    private volatile boolean running;
    private volatile boolean reading;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread reader;

    public KafkaBoardChanges(Environment environment, TopicListIndex index, @Value("${jiebang.instance}") String self) {
        this.connection = KafkaConnection.commonConfiguration(environment);
        this.index = index;
        this.self = self;
        Map<String, Object> producing = new HashMap<>(KafkaConnection.producerConfiguration(environment));
        producing.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producing.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(producing);
    }

    @Override
    public Mono<Void> publish(List<BoardChange> changes) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (BoardChange change : changes) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, change.id(), JSON.writeValueAsBytes(change));
            record.headers().add(ORIGIN, self.getBytes(StandardCharsets.UTF_8));
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
            sent.add(acknowledged);
        }
        return Mono.fromFuture(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)));
    }

    @Override
    public Flux<Positioned> stream(String lastSeen) {
        long now = last.get();
        Long after = parse(lastSeen);
        if (after == null) {
            return told.asFlux().filter(change -> position(change) > now);
        }
        long oldest = Math.max(first, now - REMEMBERED + 1);
        if (first < 0 || after + 1 < oldest || after > now) {
            // Too much has passed (or the position is not ours): the browser reloads what it shows.
            Positioned reload = new Positioned(String.valueOf(now), new BoardChange("resync", null, null, null, Instant.now(), null, null));
            return Flux.concat(Mono.just(reload), told.asFlux().filter(change -> position(change) > now));
        }
        return told.asFlux().filter(change -> position(change) > after);
    }

    private void read() {
        while (running) {
            try (KafkaConsumer<String, byte[]> opened = openAtPosition()) {
                reading = true;
                while (running) {
                    ConsumerRecords<String, byte[]> records = opened.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        take(records);
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                reading = false;
                if (running) {
                    log.warn("reading the board changes failed; starting again from the list index's position: {}", e.toString());
                    pause();
                }
            }
        }
    }

    /** Re-reads the topics that other instances changed, then tells the browsers of every change. */
    private void take(ConsumerRecords<String, byte[]> records) {
        Set<String> changedElsewhere = new LinkedHashSet<>();
        List<Positioned> changes = new ArrayList<>();
        long next = -1;
        for (ConsumerRecord<String, byte[]> record : records) {
            BoardChange change = JSON.readValue(record.value(), BoardChange.class);
            Header origin = record.headers().lastHeader(ORIGIN);
            if ("topic".equals(change.kind()) && (origin == null || !self.equals(new String(origin.value(), StandardCharsets.UTF_8)))) {
                changedElsewhere.add(change.id());
            }
            changes.add(new Positioned(String.valueOf(record.offset()), change));
            next = record.offset() + 1;
        }
        index.refresh(changedElsewhere, next).block(Duration.ofMinutes(1));
        for (Positioned change : changes) {
            if (first < 0) {
                first = position(change);
            }
            last.set(position(change));
            told.tryEmitNext(change);
        }
    }

    private KafkaConsumer<String, byte[]> openAtPosition() {
        awaitTopic();
        Map<String, Object> consuming = new HashMap<>(connection);
        consuming.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consuming.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consuming.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> opened = new KafkaConsumer<>(consuming);
        consumer = opened;
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        opened.assign(List.of(partition));
        long end = opened.endOffsets(List.of(partition)).get(partition);
        long beginning = opened.beginningOffsets(List.of(partition)).get(partition);
        OptionalLong position = index.position();
        if (position.isPresent() && position.getAsLong() >= beginning && position.getAsLong() <= end) {
            opened.seek(partition, position.getAsLong());
        } else {
            index.rebuild().block(Duration.ofMinutes(30));
            index.refresh(List.of(), end).block(Duration.ofMinutes(1));
            opened.seek(partition, end);
        }
        return opened;
    }

    /** The topic is created by the topic setup step; until it exists there is nothing to read. */
    private void awaitTopic() {
        try (Admin admin = Admin.create(connection)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                throw new IllegalStateException(TOPIC + " does not exist: create the declared topics (docs/deploy.md)");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not say whether " + TOPIC + " exists", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long position(Positioned change) {
        return Long.parseLong(change.position());
    }

    private static Long parse(String position) {
        if (position == null || position.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(position.trim());
        } catch (NumberFormatException notOurs) {
            return -2L;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        reader = new Thread(this::read, "board-changes");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** Whether the feed is being read: the list index is as up to date as the feed. */
    public boolean isReading() {
        return reading;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
