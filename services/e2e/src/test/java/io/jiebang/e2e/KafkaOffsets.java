package io.jiebang.e2e;

import io.jiebang.events.KafkaTopics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** The end offsets of the board's topics, internal and public: if they did not move, no event was emitted. */
final class KafkaOffsets implements AutoCloseable {

    private final Admin admin;

    KafkaOffsets(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(props);
    }

    Map<TopicPartition, Long> endOffsets() {
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(boardTopics()).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            topics.values().forEach(topic -> topic.partitions().forEach(p ->
                    request.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The internal topics and the public ones beside them. */
    static List<String> boardTopics() {
        return java.util.stream.Stream.concat(KafkaTopics.ALL.stream(), KafkaTopics.PUBLIC.stream()).toList();
    }

    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
    }
}
