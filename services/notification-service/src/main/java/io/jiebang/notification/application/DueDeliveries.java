package io.jiebang.notification.application;

import io.jiebang.platform.time.ScheduledWork;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Attempts the deliveries that fell due: retries after their backoff, and first attempts whose start was lost (the
 * instance died before). A pass takes a bounded number, a few at a time, so it ends well within the scheduler's
 * limit even when receivers time out; the rest are due at the next pass.
 */
@Component
public class DueDeliveries implements ScheduledWork {

    private static final Logger log = LoggerFactory.getLogger(DueDeliveries.class);
    private static final int PER_PASS = 50;
    private static final int AT_ONCE = 8;

    private final Deliveries deliveries;
    private final DeliveryAttempts attempts;

    public DueDeliveries(Deliveries deliveries, DeliveryAttempts attempts) {
        this.deliveries = deliveries;
        this.attempts = attempts;
    }

    @Override
    public Mono<Void> runDue(Instant now) {
        return deliveries.due(now, PER_PASS)
                .flatMap(id -> attempts.attempt(id).onErrorResume(failure -> {
                    log.warn("delivery {} could not be attempted; it is attempted again when due: {}", id, failure.toString());
                    return Mono.empty();
                }), AT_ONCE)
                .then();
    }
}
