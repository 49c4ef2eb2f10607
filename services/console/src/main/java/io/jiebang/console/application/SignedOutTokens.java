package io.jiebang.console.application;

import java.time.Instant;
import reactor.core.publisher.Mono;

/** Tokens signed out before they expire, remembered until they would have expired, for every console instance. */
public interface SignedOutTokens {

    Mono<Void> signOut(String tokenId, Instant expiresAt);
}
