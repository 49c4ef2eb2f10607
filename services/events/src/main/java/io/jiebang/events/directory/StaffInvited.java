package io.jiebang.events.directory;

import java.time.Instant;

/**
 * A coordinator opened an account (or the seed registered one). The person sets their password with the activation
 * code whose SHA-256 (hex) this carries, until {@code activationExpiresAt}; both null for a seeded account, whose
 * credentials come from elsewhere (the demo password). Key: username.
 *
 * @param orgId the organisation a {@code STAFF} account acts for; null for the other roles
 */
public record StaffInvited(String username, String displayName, StaffRole role, String orgId, String activationCodeHash,
                           Instant activationExpiresAt) implements StaffEvent {
}
