package io.jiebang.events.directory;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.OrgKind;

/** An organisation joined the board's directory. Key: orgId. */
public record OrgRegistered(String orgId, String name, String nameEn, OrgKind kind, String parentId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return orgId;
    }
}
