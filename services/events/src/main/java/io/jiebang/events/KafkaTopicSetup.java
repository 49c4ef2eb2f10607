package io.jiebang.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The explicit step that creates the declared topics ({@link KafkaTopics#declarations()}) that do not exist yet;
 * those that exist are left as they are (changing a live topic's partitions moves its keys: an operator's call).
 * {@code make run} and the tests run it on their broker; a deployment runs it once, before the services (the
 * console's image with {@code JIEBANG_KAFKA_SETUP=only}; see docs/deploy.md).
 */
public final class KafkaTopicSetup {

    private KafkaTopicSetup() {
    }

    /**
     * @param partitions for the topics without a fixed count
     * @param replication copies of every partition (3 on a production cluster; at most the number of brokers)
     * @return the topics created
     */
    public static List<String> createMissing(Admin admin, int partitions, short replication) {
        try {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (KafkaTopics.Declaration declared : KafkaTopics.declarations()) {
                if (!existing.contains(declared.name())) {
                    missing.add(new NewTopic(declared.name(), declared.partitions() == null ? partitions : declared.partitions(),
                            replication).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                            declared.retention() == null ? "-1" : String.valueOf(declared.retention().toMillis()))));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                // Another setup ran at the same time: the topics are there.
                return List.of();
            }
            throw new IllegalStateException("creating the topics failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer while the topics were created", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
