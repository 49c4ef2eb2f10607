package io.jiebang.dispatch.domain;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.platform.domain.Aggregate;
import java.time.Duration;

/** A batch's reporting period as dispatch sees it: how often each in-progress topic must report. */
public final class ReportingPeriod implements Aggregate {

    private final String batchId;
    private Duration period;

    public ReportingPeriod(String batchId) {
        this.batchId = batchId;
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof BatchCreated created) {
            period = Duration.ofDays(created.reportingPeriodDays());
        }
    }

    public boolean isKnown() {
        return period != null;
    }

    public Duration period() {
        return period;
    }

    public String batchId() {
        return batchId;
    }
}
