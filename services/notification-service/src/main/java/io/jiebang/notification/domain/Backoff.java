package io.jiebang.notification.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long a delivery waits after each failed attempt before the next: the waits grow, so a receiver that is down for
 * a while is not hammered, and after the last one the delivery is dead (it waits for a hand to retry it).
 */
public final class Backoff {

    /** 1 min, 5 min, 30 min, 2 h, 12 h: six attempts over about 15 hours. */
    public static final Backoff STANDARD = new Backoff(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(12)));

    private final List<Duration> waits;

    public Backoff(List<Duration> waits) {
        this.waits = List.copyOf(waits);
    }

    /** The wait before the next attempt after {@code failedAttempts} failed ones; empty when there is none. */
    public Optional<Duration> after(int failedAttempts) {
        return failedAttempts >= 1 && failedAttempts <= waits.size() ? Optional.of(waits.get(failedAttempts - 1)) : Optional.empty();
    }

    /** How many attempts a delivery gets before it is dead. */
    public int attempts() {
        return waits.size() + 1;
    }
}
