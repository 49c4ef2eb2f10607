package io.jiebang.events.directory;

import io.jiebang.events.DomainEvent;

/**
 * An event of one staff account. Never on the public topics (it names a person); never carries a credential, only
 * the SHA-256 of a one-time activation code. Key: username.
 */
public interface StaffEvent extends DomainEvent {

    String username();

    @Override
    default String aggregateId() {
        return username();
    }
}
