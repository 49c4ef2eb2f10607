package io.jiebang.events.directory;

import io.jiebang.events.DomainEvent;

/** An event of one organisation of the directory. Key: orgId. */
public interface OrgEvent extends DomainEvent {

    String orgId();

    @Override
    default String aggregateId() {
        return orgId();
    }
}
