package io.jiebang.dispatch.application;

import io.jiebang.dispatch.domain.Assignment;
import io.jiebang.dispatch.domain.BatchRules;
import io.jiebang.platform.eventstore.StreamType;

/** The event streams dispatch-service keeps. */
public final class DispatchStreams {

    public static final StreamType<Assignment> TOPICS = new StreamType<>("topic", Assignment::new);
    public static final StreamType<BatchRules> BATCHES = new StreamType<>("batch", BatchRules::new);

    private DispatchStreams() {
    }
}
