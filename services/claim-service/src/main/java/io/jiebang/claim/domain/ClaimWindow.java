package io.jiebang.claim.domain;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.platform.domain.Aggregate;
import java.time.Instant;

/** A batch's claim window as claiming sees it. */
public final class ClaimWindow implements Aggregate {

    private final String batchId;
    private Instant opensAt;
    private Instant claimDeadline;
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

    /** Later rounds (after a withdrawn award or a reopen) take claims until the batch is closed. */
    public boolean takesLaterRoundClaims() {
        return isKnown() && open && !closed;
    }

    public boolean isClaimingClosed() {
        return claimingClosed || closed;
    }
}
