package io.jiebang.platform.command;

import io.jiebang.events.DomainEvent;
import java.util.List;

/**
 * Decides a command on the current state: returns the events it raises or throws a
 * {@link io.jiebang.platform.domain.Rejection}. May run more than once when writers race, so it must not
 * have side effects.
 */
@FunctionalInterface
public interface Decider<A> {

    List<DomainEvent> decide(A aggregate);
}
