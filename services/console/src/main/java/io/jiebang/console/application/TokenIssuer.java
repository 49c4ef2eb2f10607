package io.jiebang.console.application;

import java.time.Instant;

/** Signs bearer tokens for logged-in users. */
public interface TokenIssuer {

    record IssuedToken(String accessToken, Instant expiresAt) {
    }

    IssuedToken issue(Accounts.Account account);
}
