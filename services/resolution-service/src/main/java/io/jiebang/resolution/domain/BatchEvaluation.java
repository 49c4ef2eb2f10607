package io.jiebang.resolution.domain;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.EvaluationSettings;
import io.jiebang.platform.domain.Aggregate;

/**
 * What resolution knows of a batch: how its evaluations are run, as the coordinator planned it ({@link BatchCreated}).
 * A batch it never heard of, or planned before the settings existed, runs on {@link EvaluationSettings#DEFAULTS}.
 */
public final class BatchEvaluation implements Aggregate {

    private final String batchId;
    private EvaluationSettings settings = EvaluationSettings.DEFAULTS;

    public BatchEvaluation(String batchId) {
        this.batchId = batchId;
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof BatchCreated created) {
            settings = created.evaluationSettings();
        }
    }

    public String batchId() {
        return batchId;
    }

    public EvaluationSettings settings() {
        return settings;
    }
}
