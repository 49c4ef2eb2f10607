package io.jiebang.notification.domain;

import io.jiebang.platform.domain.Rejection;
import java.time.Instant;

/**
 * One notification sent on one outside channel (e-mail or webhook), with its attempts: PENDING until the first,
 * SENT once one worked, FAILED while it waits for the next after a failure, DEAD after the last attempt failed (a
 * hand may retry it). Its id, {@code <notificationId>:<CHANNEL>}, makes it once per notification and channel.
 *
 * @param nextAttemptAt when it is due (PENDING, FAILED), null when SENT or DEAD
 * @param lastError why the last attempt failed, cut to {@value #ERROR_LENGTH} characters
 */
public record Delivery(String id, Notification notification, Channel channel, Status status, int attempts,
                       String lastError, Instant nextAttemptAt, Instant sentAt, Instant createdAt) {

    static final int ERROR_LENGTH = 500;

    public enum Status {
        PENDING, SENT, FAILED, DEAD
    }

    public static String idOf(String notificationId, Channel channel) {
        return notificationId + ":" + channel.name();
    }

    /** A delivery to make, due at once. */
    public static Delivery of(Notification notification, Channel channel, Instant now) {
        if (!channel.isExternal()) {
            throw new IllegalArgumentException(channel + " is not an external channel");
        }
        return new Delivery(idOf(notification.id(), channel), notification, channel, Status.PENDING, 0, null, now, null, now);
    }

    public String recipient() {
        return notification.recipient();
    }

    /** Neither sent nor given up on. */
    public boolean isDue() {
        return status == Status.PENDING || status == Status.FAILED;
    }

    public Delivery sent(Instant now) {
        return new Delivery(id, notification, channel, Status.SENT, attempts + 1, lastError, null, now, createdAt);
    }

    /** The attempt failed: due again after the backoff's wait, or dead after the last attempt. */
    public Delivery failed(Instant now, String error, Backoff backoff) {
        int made = attempts + 1;
        String why = error == null ? "unknown error" : error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error;
        return backoff.after(made)
                .map(wait -> new Delivery(id, notification, channel, Status.FAILED, made, why, now.plus(wait), null, createdAt))
                .orElseGet(() -> new Delivery(id, notification, channel, Status.DEAD, made, why, null, null, createdAt));
    }

    /** A hand asks for one more attempt of a dead delivery, now; if it fails too the delivery is dead again. */
    public Delivery retried(Instant now) {
        if (status != Status.DEAD) {
            throw Rejection.conflict("delivery-not-dead", "only a dead delivery is retried by hand; {0} is {1}", id, status);
        }
        return new Delivery(id, notification, channel, Status.PENDING, attempts, lastError, now, null, createdAt);
    }
}
