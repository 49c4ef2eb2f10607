package io.jiebang.console.readmodel;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.BatchOpened;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A batch (批次) as the board shows it, in its district (docs/tenancy.md). */
public record BatchView(String id, String name, Instant opensAt, Instant claimDeadline, Instant dueDate,
                        int reportingPeriodDays, String state, Instant createdAt, Instant updatedAt, String district) {

    /** A view stored before districts existed is the first district's. */
    public BatchView {
        district = district == null ? io.jiebang.events.Districts.FIRST : district;
    }

    public static BatchView fold(String batchId, List<EventEnvelope> events) {
        List<EventEnvelope> ordered = new ArrayList<>(events);
        ordered.sort(TopicBoard.HAPPENED);
        BatchView view = new BatchView(batchId, null, null, null, null, 0, null, null, null,
                ordered.isEmpty() ? null : ordered.get(0).district());
        for (EventEnvelope e : ordered) {
            view = view.with(e);
        }
        return view;
    }

    private BatchView with(EventEnvelope envelope) {
        Instant at = envelope.occurredAt();
        if (envelope.data() instanceof BatchCreated c) {
            return new BatchView(id, c.name(), c.opensAt(), c.claimDeadline(), c.dueDate(), c.reportingPeriodDays(),
                    state == null ? "PLANNED" : state, at, at, district);
        }
        String next = envelope.data() instanceof BatchOpened ? "OPEN"
                : envelope.data() instanceof BatchClaimingClosed ? "CLAIMING_CLOSED"
                : envelope.data() instanceof BatchClosed ? "CLOSED" : state;
        return new BatchView(id, name, opensAt, claimDeadline, dueDate, reportingPeriodDays, next, createdAt, at, district);
    }
}
