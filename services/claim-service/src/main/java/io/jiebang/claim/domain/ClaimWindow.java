package io.jiebang.claim.domain;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.platform.domain.Aggregate;
import java.time.Duration;
import java.time.Instant;

/** A batch's claim window as claiming sees it. */
public final class ClaimWindow implements Aggregate {

    private final String batchId;
    private Instant opensAt;
    private Instant claimDeadline;
    private Duration newRoundClaimPeriod;
    private boolean open;
    private boolean claimingClosed;
    private boolean closed;

    public ClaimWindow(String batchId) {
        this.batchId = batchId;
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof BatchCreated created) {
            opensAt = created.opensAt();
            claimDeadline = created.claimDeadline();
            newRoundClaimPeriod = Duration.ofDays(created.stageLimitsOrDefaults().newRoundClaimDays());
        } else if (event.data() instanceof BatchOpened) {
            open = true;
        } else if (event.data() instanceof BatchClaimingClosed) {
            claimingClosed = true;
        } else if (event.data() instanceof BatchClosed) {
            closed = true;
        }
    }

    public String batchId() {
        return batchId;
    }

    public boolean isKnown() {
        return opensAt != null;
    }

    /** First-round claims: the batch is open and now is inside [opensAt, claimDeadline). */
    public boolean isInside(Instant now) {
        return isKnown() && open && !claimingClosed && !closed && !now.isBefore(opensAt) && now.isBefore(claimDeadline);
    }

    /**
     * A later round (after a withdrawn award or a reopen) that opened at {@code roundOpenedAt} takes claims for the
     * batch's new-round period, and never once the batch is closed.
     */
    public boolean takesLaterRoundClaims(Instant roundOpenedAt, Instant now) {
        return isKnown() && open && !closed && now.isBefore(newRoundClaimEnds(roundOpenedAt));
    }

    /** When a later round that opened at {@code roundOpenedAt} stops taking claims. */
    public Instant newRoundClaimEnds(Instant roundOpenedAt) {
        return roundOpenedAt.plus(newRoundClaimPeriod);
    }

    public boolean isClaimingClosed() {
        return claimingClosed || closed;
    }
}
