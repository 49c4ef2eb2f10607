package io.jiebang.events.directory;

import java.time.Instant;

/**
 * A coordinator reset an account's credentials: its password and tokens are void; a new activation code (its SHA-256
 * here) sets a new password until {@code activationExpiresAt}. Key: username.
 */
public record StaffCredentialsReset(String username, String activationCodeHash, Instant activationExpiresAt)
        implements StaffEvent {
}
