package io.jiebang.platform.time;

import java.time.Instant;
import reactor.core.publisher.Mono;

/** Work that falls due with time (a deadline, a reporting period, an evaluation window). */
public interface ScheduledWork {

    /** Does whatever is due at {@code now}; must be idempotent, as it runs again and again. */
    Mono<Void> runDue(Instant now);
}
