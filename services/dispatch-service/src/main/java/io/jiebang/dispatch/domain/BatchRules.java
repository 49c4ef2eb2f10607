package io.jiebang.dispatch.domain;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.StageLimits;
import io.jiebang.events.dispatch.ReportingPeriodClosed;
import io.jiebang.platform.domain.Aggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A batch's clocks as dispatch sees them: how often each in-progress topic must report, how long each stage may
 * wait, when first-round claiming closed, and which reporting period it last closed with its digest.
 */
public final class BatchRules implements Aggregate {

    private final String batchId;
    private Duration period;
    private StageLimits stageLimits;
    private Instant claimingClosedAt;
    private BatchCreated created;
    private boolean closed;
    private int lastPeriodClosed;

    public BatchRules(String batchId) {
        this.batchId = batchId;
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof BatchCreated created) {
            period = Duration.ofDays(created.reportingPeriodDays());
            stageLimits = created.stageLimitsOrDefaults();
            this.created = created;
        } else if (event.data() instanceof BatchClaimingClosed && claimingClosedAt == null) {
            claimingClosedAt = event.occurredAt();
        } else if (event.data() instanceof BatchClosed) {
            closed = true;
        } else if (event.data() instanceof ReportingPeriodClosed periodClosed) {
            lastPeriodClosed = Math.max(lastPeriodClosed, periodClosed.period());
        }
    }

    /** Batches whose reporting periods are still closed one by one: planned, not yet closed by the coordinator. */
    public static final String REPORTING = "reporting";

    @Override
    public Set<String> sets() {
        return created != null && !closed ? Set.of(REPORTING) : Set.of();
    }

    /** The reporting period that ended by {@code now} and has no digest yet, if any (the latest, when several did). */
    public Optional<Integer> periodToClose(Instant now) {
        if (created == null || closed) {
            return Optional.empty();
        }
        int ended = created.reportingPeriodEndedBy(now);
        return ended > lastPeriodClosed ? Optional.of(ended) : Optional.empty();
    }

    /** The counted state of the batch's topics, for its digest. */
    public record Counted(Instant countedAt, List<ReportingPeriodClosed.OrganisationProgress> organisations,
                          List<ReportingPeriodClosed.TopicLine> overdue, List<ReportingPeriodClosed.TopicLine> escalated) {
    }

    /** Closes the reporting period that ended by {@code now} with the batch's digest; nothing when none is due. */
    public List<DomainEvent> closePeriod(Instant now, Counted counted) {
        return periodToClose(now).<List<DomainEvent>>map(period -> List.of(new ReportingPeriodClosed(batchId, period,
                        created.reportingPeriodEnd(period - 1), created.reportingPeriodEnd(period), counted.countedAt(),
                        counted.organisations(), counted.overdue(), counted.escalated())))
                .orElse(List.of());
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
