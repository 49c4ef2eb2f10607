package io.jiebang.events.dispatch;

import io.jiebang.events.DomainEvent;
import java.time.Instant;
import java.util.List;

/**
 * A reporting period of a batch ended (定期调度): dispatch's part of the period's digest, counted when dispatch
 * closed the period — progress by lead organisation, the overdue topics and the escalated ones. Periods are numbered
 * from 1, each {@code reportingPeriodDays} long from the batch's {@code opensAt} ({@link
 * io.jiebang.events.batch.BatchCreated#reportingPeriodEnd}); one found late (the service was down) closes alone, with
 * the state at {@code countedAt}, and the periods it passed over get none. Keyed by the batch id.
 */
public record ReportingPeriodClosed(String batchId, int period, Instant periodStart, Instant periodEnd, Instant countedAt,
                                    List<OrganisationProgress> organisations, List<TopicLine> overdue,
                                    List<TopicLine> escalated) implements DomainEvent {

    /** One lead organisation's topics in the batch. {@code averagePercent}: null before any report. */
    public record OrganisationProgress(String orgId, int topicsInProgress, int topicsAwaitingVerdict, int topicsDone,
                                       Integer averagePercent, int reports, int overdue, int escalated) {
    }

    /** A topic in the digest. {@code latestPercent}: null before any report; {@code escalationLevel}: 0 to 3. */
    public record TopicLine(String topicId, String title, String leadOrgId, Instant dueDate, Integer latestPercent,
                            Instant lastActivity, int escalationLevel) {
    }

    @Override
    public String aggregateId() {
        return batchId;
    }
}
