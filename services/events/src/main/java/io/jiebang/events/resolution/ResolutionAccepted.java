package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;
import io.jiebang.events.batch.EvaluationSettings;
import java.time.Instant;

/**
 * The poster accepted the resolution: the topic is RESOLVED and its evaluation window opens, under the batch's
 * evaluation settings as they were then ({@code evaluation}: absent in older events, which means
 * {@link EvaluationSettings#DEFAULTS}).
 */
public record ResolutionAccepted(String topicId, int round, String resolutionId, String leadOrgId, boolean onTime,
                                 Instant evaluationClosesAt, EvaluationSettings evaluation) implements RoundEvent {

    public ResolutionAccepted(String topicId, int round, String resolutionId, String leadOrgId, boolean onTime,
                              Instant evaluationClosesAt) {
        this(topicId, round, resolutionId, leadOrgId, onTime, evaluationClosesAt, null);
    }

    /** The rules of this evaluation, the defaults when none were recorded. */
    public EvaluationSettings evaluationSettings() {
        return EvaluationSettings.orDefaults(evaluation);
    }
}
