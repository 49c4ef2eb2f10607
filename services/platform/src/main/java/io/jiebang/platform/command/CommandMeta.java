package io.jiebang.platform.command;

import io.jiebang.events.Actor;
import io.jiebang.events.EventEnvelope;
import java.util.UUID;

/**
 * Who asks, and how to recognise a repeat.
 *
 * @param dedupKey unique per effect: a repeated command or redelivered event with the same key changes nothing
 * @param fingerprint what was asked, to refuse the same idempotency key reused for a different request
 * @param cause the event of another service being applied, recorded in the same commit, or null
 */
public record CommandMeta(Actor actor, String correlationId, String dedupKey, String fingerprint, EventEnvelope cause) {

    /** A user's command; with an {@code Idempotency-Key} a repeat returns the first answer. */
    public static CommandMeta command(Actor actor, String idempotencyKey, String fingerprint) {
        String dedupKey = idempotencyKey == null ? null : "cmd:" + actor.userId() + ":" + idempotencyKey;
        return new CommandMeta(actor, UUID.randomUUID().toString(), dedupKey, fingerprint, null);
    }

    /** Applying an event of another service; it is recorded once per stream, however often it is delivered. */
    public static CommandMeta inbound(EventEnvelope cause) {
        return new CommandMeta(cause.actor(), cause.correlationId(), null, null, cause);
    }

    /** A command that may happen only once for the given occasion (e.g. one vote per one-time link). */
    public static CommandMeta once(Actor actor, String occasion) {
        return new CommandMeta(actor, UUID.randomUUID().toString(), "once:" + occasion, null, null);
    }

    /** Work the service does by itself (seeding, deadlines); the domain makes it idempotent. */
    public static CommandMeta system() {
        return new CommandMeta(Actor.SYSTEM, UUID.randomUUID().toString(), null, null, null);
    }

    /** Work the service does by itself for one district: what it creates belongs to that district. */
    public static CommandMeta system(String district) {
        return new CommandMeta(Actor.systemOf(district), UUID.randomUUID().toString(), null, null, null);
    }

    String dedupKeyFor(String streamKey) {
        if (cause != null) {
            return "evt:" + cause.eventId() + "@" + streamKey;
        }
        return dedupKey;
    }
}
