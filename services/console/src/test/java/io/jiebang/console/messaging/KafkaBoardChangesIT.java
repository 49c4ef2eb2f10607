package io.jiebang.console.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.jiebang.console.application.BoardChanges;
import io.jiebang.console.application.BoardProjection;
import io.jiebang.console.application.TopicQuery;
import io.jiebang.console.persistence.MongoDigests;
import io.jiebang.console.persistence.MongoReadModel;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.testsupport.LocalInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.SimpleReactiveMongoDatabaseFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * Two console instances on one shared read model, each with its own list index, on the real broker and store:
 * what one projects reaches the other's list and its browsers, a reconnecting browser gets what it missed, and
 * an instance restarted without its index rebuilds it.
 */
class KafkaBoardChangesIT {

    static MongoClient client;
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dataDir;
    final String database = "changes-" + UUID.randomUUID();
    final List<Instance> instances = new ArrayList<>();

    @BeforeAll
    static void connect() {
        client = MongoClients.create(LocalInfrastructure.get().mongoUri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @AfterEach
    void stopAll() {
        instances.forEach(Instance::stop);
    }

    /** A console instance: its read model (shared database, own index), its feed and its projection. */
    final class Instance {
        final MongoReadModel readModel;
        final KafkaBoardChanges changes;
        final BoardProjection projection;

        Instance(String name) {
            MockEnvironment environment = new MockEnvironment()
                    .withProperty("spring.cloud.stream.kafka.binder.brokers", LocalInfrastructure.get().kafkaBootstrap());
            readModel = new MongoReadModel(new SimpleReactiveMongoDatabaseFactory(client, database), dataDir.toString(), name);
            changes = new KafkaBoardChanges(environment, readModel, name);
            projection = io.jiebang.console.application.Projections.board(readModel, changes, new MongoDigests(new SimpleReactiveMongoDatabaseFactory(client, database)), new SimpleReactiveMongoDatabaseFactory(client, database));
            changes.start();
            instances.add(this);
            await().atMost(Duration.ofSeconds(60)).until(changes::isReading);
        }

        List<String> listed() {
            return readModel.topics(new TopicQuery(null, null, null, null, null, null, 0, 200)).block().items().stream()
                    .map(TopicView::id).toList();
        }

        void stop() {
            if (changes.isRunning()) {
                changes.stop();
                readModel.close();
            }
        }
    }

    @Test
    void whatOneInstanceProjectsReachesTheOthersListAndBrowsers() {
        Instance first = new Instance("console");
        Instance second = new Instance("console-2");
        List<BoardChanges.Positioned> toldBySecond = new ArrayList<>();
        var subscription = second.changes.stream(null).subscribe(toldBySecond::add);
        String topic = "t-" + UUID.randomUUID();

        first.projection.handle(published(topic, 1)).block();

        await().atMost(Duration.ofSeconds(30)).until(() -> second.listed().contains(topic));
        await().atMost(Duration.ofSeconds(10)).until(() -> toldBySecond.stream().anyMatch(told -> topic.equals(told.change().id())));
        assertThat(first.listed()).contains(topic);
        subscription.dispose();
    }

    @Test
    void aReconnectingBrowserGetsWhatItMissedOrIsToldToReload() {
        Instance first = new Instance("console");
        Instance second = new Instance("console-2");
        List<BoardChanges.Positioned> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        var subscription = second.changes.stream(null).subscribe(told::add);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            topics.add("t-" + UUID.randomUUID());
            first.projection.handle(published(topics.get(i), 1)).block();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> told.size() >= 3);
        subscription.dispose();
        BoardChanges.Positioned firstOfThem = told.get(0);
        assertThat(firstOfThem.change().id()).isEqualTo(topics.get(0));

        List<String> missed = second.changes.stream(firstOfThem.position()).take(2).map(change -> change.change().id())
                .collectList().block(Duration.ofSeconds(10));
        assertThat(missed).containsExactly(topics.get(1), topics.get(2));

        BoardChanges.Positioned unknown = second.changes.stream("999999999").blockFirst(Duration.ofSeconds(10));
        assertThat(unknown.change().kind()).isEqualTo("resync");
    }

    @Test
    void anInstanceRestartedWithoutItsIndexListsEverything() throws Exception {
        Instance first = new Instance("console");
        Instance second = new Instance("console-2");
        String before = "t-" + UUID.randomUUID();
        first.projection.handle(published(before, 1)).block();
        await().atMost(Duration.ofSeconds(30)).until(() -> second.listed().contains(before));
        second.stop();
        String whileAway = "t-" + UUID.randomUUID();
        first.projection.handle(published(whileAway, 1)).block();
        org.springframework.util.FileSystemUtils.deleteRecursively(dataDir.resolve("console-2"));

        Instance restarted = new Instance("console-2");

        await().atMost(Duration.ofSeconds(30)).until(() -> restarted.listed().containsAll(List.of(before, whileAway)));
    }

    @Test
    void anInstanceRestartedWithItsIndexTakesInWhatChangedWhileItWasAway() {
        Instance first = new Instance("console");
        Instance second = new Instance("console-2");
        String before = "t-" + UUID.randomUUID();
        first.projection.handle(published(before, 1)).block();
        await().atMost(Duration.ofSeconds(30)).until(() -> second.listed().contains(before));
        second.stop();
        String whileAway = "t-" + UUID.randomUUID();
        first.projection.handle(published(whileAway, 1)).block();

        Instance restarted = new Instance("console-2");

        await().atMost(Duration.ofSeconds(30)).until(() -> restarted.listed().containsAll(List.of(before, whileAway)));
    }

    private static EventEnvelope published(String topicId, long sequence) {
        return EventEnvelope.wrap(new TopicPublished(topicId, "b1", "street-01", Direction.STREET_TO_DEPARTMENT,
                        "路灯不亮 " + topicId, "SW-01", T0.plusSeconds(86400 * 30), ClaimMode.FIRST_COME, 0),
                sequence, T0, "/jiebang/topic-service", new Actor("street-01", "street-01", Actor.Role.STAFF), "c", null);
    }
}
