package io.jiebang.events.batch;

import io.jiebang.events.DomainEvent;

/** An event of a batch (批次); keyed by the batch id. */
public interface BatchEvent extends DomainEvent {

    String batchId();

    @Override
    default String aggregateId() {
        return batchId();
    }
}
