package io.jiebang.console.application;

import java.time.Instant;
import reactor.core.publisher.Mono;

/** Tokens signed out before they expire, remembered until they would have expired, for every console instance. */
public interface SignedOutTokens {

    Mono<Void> signOut(String tokenId, Instant expiresAt);

    /** Signs out every token issued to the user before {@code since} (a reset, a move, a deactivation). */
    Mono<Void> signOutUser(String username, Instant since);
}
