package io.jiebang.platform.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;

/**
 * When the inbox starts from scratch, every partition it is given is read from its beginning, so the service
 * rebuilds from Kafka's full history (the board's topics keep their records forever). The rewind is also
 * committed at once: a later rebalance then resumes from the beginning too, not from the old position.
 */
public class FromTheBeginning implements KafkaBindingRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(FromTheBeginning.class);

    private final Inbox inbox;
    private final Set<TopicPartition> rewound = ConcurrentHashMap.newKeySet();
    /** Decided once, before anything is consumed, as partitions are handed out in several rounds. */
    private volatile Boolean fromScratch;

    public FromTheBeginning(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                                     boolean initial) {
        if (!fromScratch()) {
            return;
        }
        List<TopicPartition> fresh = partitions.stream().filter(rewound::add).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> beginning = new HashMap<>();
        consumer.beginningOffsets(fresh).forEach((partition, offset) -> beginning.put(partition, new OffsetAndMetadata(offset)));
        consumer.seekToBeginning(fresh);
        consumer.commitSync(beginning);
        log.info("starting from scratch: reading {} partitions from the beginning", fresh.size());
    }

    private synchronized boolean fromScratch() {
        if (fromScratch == null) {
            fromScratch = Boolean.TRUE.equals(inbox.startsFromScratch().block(Duration.ofSeconds(30)));
        }
        return fromScratch;
    }
}
