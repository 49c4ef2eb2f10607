package io.jiebang.dispatch.domain;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.StageLimits;
import io.jiebang.platform.domain.Aggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A batch's clocks as dispatch sees them: how often each in-progress topic must report, how long each stage may
 * wait, and when first-round claiming closed.
 */
public final class BatchRules implements Aggregate {

    private final String batchId;
    private Duration period;
    private StageLimits stageLimits;
    private Instant claimingClosedAt;

    public BatchRules(String batchId) {
        this.batchId = batchId;
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof BatchCreated created) {
            period = Duration.ofDays(created.reportingPeriodDays());
            stageLimits = created.stageLimitsOrDefaults();
        } else if (event.data() instanceof BatchClaimingClosed && claimingClosedAt == null) {
            claimingClosedAt = event.occurredAt();
        }
    }

    public boolean isKnown() {
        return period != null;
    }

    public Duration period() {
        return period;
    }

    public StageLimits stageLimits() {
        return stageLimits;
    }

    /** How long a later round takes claims before a poster-selects topic's bids wait for the award. */
    public Duration newRoundClaimPeriod() {
        return Duration.ofDays(stageLimits.newRoundClaimDays());
    }

    /** When first-round claiming closed, by the coordinator or at the deadline; empty while it is open. */
    public Optional<Instant> claimingClosedAt() {
        return Optional.ofNullable(claimingClosedAt);
    }

    public String batchId() {
        return batchId;
    }
}
