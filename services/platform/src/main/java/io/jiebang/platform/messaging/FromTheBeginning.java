package io.jiebang.platform.messaging;

import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;

/**
 * When the inbox starts from scratch, its first partition assignment seeks to the beginning of every topic,
 * so the service rebuilds from Kafka's full history (the board's topics keep their records forever).
 */
public class FromTheBeginning implements KafkaBindingRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(FromTheBeginning.class);

    private final Inbox inbox;

    public FromTheBeginning(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                                     boolean initial) {
        if (initial && Boolean.TRUE.equals(inbox.startsFromScratch().block(Duration.ofSeconds(30)))) {
            log.info("starting from scratch: reading {} partitions from the beginning", partitions.size());
            consumer.seekToBeginning(partitions);
        }
    }
}
