package io.jiebang.resolution.application;

import io.jiebang.platform.eventstore.StreamType;
import io.jiebang.resolution.domain.BatchEvaluation;
import io.jiebang.resolution.domain.Case;

/** The event streams resolution-service keeps: one case per topic, and each batch's evaluation settings. */
public final class ResolutionStreams {

    public static final StreamType<Case> TOPICS = new StreamType<>("topic", Case::new);

    public static final StreamType<BatchEvaluation> BATCHES = new StreamType<>("batch", BatchEvaluation::new);

    private ResolutionStreams() {
    }
}
