package io.jiebang.e2e.bench;

import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.OrgKind;
import io.jiebang.events.Priority;
import io.jiebang.events.Verdict;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.resolution.EvaluationVoteCast;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.events.topic.TopicPosted;
import io.jiebang.events.topic.TopicPublished;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A country's worth of board history, written straight to the Kafka topics as the services would have
 * published it (same records, keys, sources and per-stream sequences), so that a read model started on it
 * builds itself from Kafka as it would after a rebuild. Deterministic: topic {@code i} always gets the same
 * events. Per ten topics: all posted and published, six awarded, four with two progress reports, two resolved,
 * accepted and evaluated by three residents.
 */
final class ScaleGenerator {

    static final int BATCHES = 100;
    private static final String TOPIC_SERVICE = "/jiebang/topic-service";
    private static final String CLAIM_SERVICE = "/jiebang/claim-service";
    private static final String DISPATCH_SERVICE = "/jiebang/dispatch-service";
    private static final String RESOLUTION_SERVICE = "/jiebang/resolution-service";
    private static final List<String> CATEGORIES = List.of("SW-01", "SW-04", "SW-07", "SW-10");
    private static final List<String> SUBJECTS = List.of("老旧小区加装电梯", "农贸市场周边停车难", "小区公共充电桩不足",
            "背街小巷路灯不亮", "河道漂浮垃圾清理", "学校门口交通拥堵", "社区养老服务站建设", "雨污管网改造");

    private final int streets;
    private final int departments;
    private final int topics;
    private final Instant start;

    ScaleGenerator(int streets, int departments, int topics, Instant start) {
        this.streets = streets;
        this.departments = departments;
        this.topics = topics;
        this.start = start;
    }

    static String street(int n) {
        return "scale-street-%05d".formatted(n);
    }

    static String department(int n) {
        return "scale-dept-%06d".formatted(n);
    }

    static String batch(int n) {
        return "scale-batch-%03d".formatted(n);
    }

    static String topic(int n) {
        return "scale-topic-%07d".formatted(n);
    }

    /** Sends everything and returns how many events, once the broker has acknowledged each. */
    long produce(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            Sink sink = event -> producer.send(new ProducerRecord<>(event.kafkaTopic(),
                    event.aggregateId().getBytes(StandardCharsets.UTF_8), EventCodec.encode(event)), (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
            sent += directory(sink);
            sent += batches(sink);
            for (int i = 0; i < topics; i++) {
                sent += topic(i, sink);
                if (failure.get() != null) {
                    break;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused a generated event", failure.get());
        }
        return sent;
    }

    private interface Sink {
        void send(EventEnvelope event);
    }

    private long directory(Sink sink) {
        for (int n = 1; n <= streets; n++) {
            sink.send(event(new OrgRegistered(street(n), "街道" + n, "Street " + n, OrgKind.STREET, null), TOPIC_SERVICE, 1, start, Actor.SYSTEM));
        }
        for (int n = 1; n <= departments; n++) {
            sink.send(event(new OrgRegistered(department(n), "部门" + n, "Department " + n, OrgKind.DEPARTMENT, null), TOPIC_SERVICE, 1, start, Actor.SYSTEM));
        }
        return streets + departments;
    }

    private long batches(Sink sink) {
        Actor coordinator = new Actor("coordinator", null, Actor.Role.COORDINATOR);
        for (int n = 0; n < BATCHES; n++) {
            sink.send(event(new BatchCreated(batch(n), "第" + (n + 1) + "批", start, start.plus(Duration.ofDays(30)),
                    start.plus(Duration.ofDays(120)), 7), TOPIC_SERVICE, 1, start, coordinator));
            sink.send(event(new BatchOpened(batch(n)), TOPIC_SERVICE, 2, start.plusSeconds(1), coordinator));
        }
        return BATCHES * 2L;
    }

    /** Topic {@code i}'s life so far, each event a second after the one before. */
    private long topic(int i, Sink sink) {
        String id = topic(i);
        boolean fromStreet = i % 5 != 0;
        String poster = fromStreet ? street(1 + i % streets) : department(1 + i % departments);
        String solver = fromStreet ? department(1 + (i * 7) % departments) : street(1 + (i * 7) % streets);
        Direction direction = fromStreet ? Direction.STREET_TO_DEPARTMENT : Direction.DEPARTMENT_TO_STREET;
        String batchId = batch(i % BATCHES);
        String subject = SUBJECTS.get(i % SUBJECTS.size());
        String category = CATEGORIES.get(i % CATEGORIES.size());
        Instant at = start.plusSeconds(60 + i);
        Actor posterStaff = new Actor(poster + "-staff", poster, Actor.Role.STAFF);
        Actor solverStaff = new Actor(solver + "-staff", solver, Actor.Role.STAFF);
        Instant due = start.plus(Duration.ofDays(120));
        String title = subject + " " + i;
        sink.send(event(new TopicPosted(id, batchId, poster, direction, title, "第" + i + "号：" + subject + "，居民多次反映，需要协调解决。",
                category, "问题解决，居民满意", due, Priority.values()[i % 4], "第" + (i % 97) + "社区", null, ClaimMode.FIRST_COME, 0),
                TOPIC_SERVICE, 1, at, posterStaff));
        sink.send(event(new TopicPublished(id, batchId, poster, direction, title, category, due, ClaimMode.FIRST_COME, 0),
                TOPIC_SERVICE, 2, at.plusMillis(1), posterStaff));
        long sent = 2;
        int stage = i % 10;
        if (stage < 6) {
            sink.send(event(new ClaimAwarded(id, 1, "claim-" + i, solver, List.of(), due.minus(Duration.ofDays(10)), true,
                    ClaimAwarded.AwardedBy.FIRST_COME), CLAIM_SERVICE, 1, at.plusMillis(2), solverStaff));
            sent++;
        }
        if (stage < 4) {
            for (int r = 1; r <= 2; r++) {
                sink.send(event(new ProgressReported(id, 1, "report-" + i + "-" + r, solver, r * 40, "第" + r + "次进展：施工中", null),
                        DISPATCH_SERVICE, r, at.plusMillis(2 + r), solverStaff));
            }
            sent += 2;
        }
        if (stage < 2) {
            sink.send(event(new ResolutionSubmitted(id, 1, "resolution-" + i, solver, "已完成整改", "照片见附件"),
                    RESOLUTION_SERVICE, 1, at.plusMillis(5), solverStaff));
            sink.send(event(new ResolutionAccepted(id, 1, "resolution-" + i, solver, true, at.plus(Duration.ofDays(7))),
                    RESOLUTION_SERVICE, 2, at.plusMillis(6), posterStaff));
            for (int v = 1; v <= 3; v++) {
                sink.send(event(new EvaluationVoteCast(id, 1, "vote-" + i + "-" + v, Verdict.values()[(i + v) % 3], null),
                        RESOLUTION_SERVICE, 2 + v, at.plusMillis(6 + v), Actor.RESIDENT));
            }
            sent += 5;
        }
        return sent;
    }

    private static EventEnvelope event(DomainEvent data, String source, long sequence, Instant at, Actor actor) {
        return EventEnvelope.wrap(data, sequence, at, source, actor, "scale", null);
    }
}
