package io.jiebang.resolution.domain;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.EvaluationSettings;
import io.jiebang.events.resolution.LeaderboardRecorded;
import io.jiebang.events.resolution.Standing;
import io.jiebang.platform.domain.Aggregate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What resolution knows of a batch: how its evaluations are run, as the coordinator planned it ({@link BatchCreated}).
 * A batch it never heard of, or planned before the settings existed, runs on {@link EvaluationSettings#DEFAULTS}.
 * It also records the leaderboard at the end of each reporting period, for the period's digest, numbered as
 * dispatch numbers them ({@link BatchCreated#reportingPeriodEndedBy}), until the batch is closed.
 */
public final class BatchEvaluation implements Aggregate {

    private final String batchId;
    private EvaluationSettings settings = EvaluationSettings.DEFAULTS;
    private BatchCreated created;
    private boolean closed;
    private int lastPeriodRecorded;

    public BatchEvaluation(String batchId) {
        this.batchId = batchId;
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof BatchCreated created) {
            settings = created.evaluationSettings();
            this.created = created;
        } else if (event.data() instanceof BatchClosed) {
            closed = true;
        } else if (event.data() instanceof LeaderboardRecorded recorded) {
            lastPeriodRecorded = Math.max(lastPeriodRecorded, recorded.period());
        }
    }

    /** Batches whose reporting periods still end one by one: planned, not yet closed by the coordinator. */
    public static final String REPORTING = "reporting";

    @Override
    public Set<String> sets() {
        return created != null && !closed ? Set.of(REPORTING) : Set.of();
    }

    /** The reporting period that ended by {@code now} with no leaderboard recorded yet, if any (the latest). */
    public Optional<Integer> periodToRecord(Instant now) {
        if (created == null || closed) {
            return Optional.empty();
        }
        int ended = created.reportingPeriodEndedBy(now);
        return ended > lastPeriodRecorded ? Optional.of(ended) : Optional.empty();
    }

    /** Records the leaderboard as counted at {@code now} for the period that ended; nothing when none is due. */
    public List<DomainEvent> recordLeaderboard(Instant now, List<Standing> standings) {
        return periodToRecord(now).<List<DomainEvent>>map(period -> List.of(new LeaderboardRecorded(batchId, period,
                created.reportingPeriodEnd(period), now, standings))).orElse(List.of());
    }

    public String batchId() {
        return batchId;
    }

    public EvaluationSettings settings() {
        return settings;
    }
}
