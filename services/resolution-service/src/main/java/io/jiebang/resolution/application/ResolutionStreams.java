package io.jiebang.resolution.application;

import io.jiebang.platform.eventstore.StreamType;
import io.jiebang.resolution.domain.Case;

/** The event streams resolution-service keeps: one case per topic. */
public final class ResolutionStreams {

    public static final StreamType<Case> TOPICS = new StreamType<>("topic", Case::new);

    private ResolutionStreams() {
    }
}
