package io.jiebang.console.application;

import io.jiebang.platform.domain.Rejection;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a username and password against the local directory and issues a token carrying org and roles; within
 * the limits of {@link LoginThrottle}. An unknown username costs the same hash check as a wrong password, so the
 * time of the answer does not tell which usernames exist.
 */
@Service
@io.jiebang.console.security.LocalLogin
public class Login {

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;
    private final SignedOutTokens signedOut;
    private final String unknownUserHash;

    public Login(Accounts accounts, PasswordEncoder passwords, TokenIssuer tokens, LoginThrottle throttle,
                 SignedOutTokens signedOut) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.signedOut = signedOut;
        this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
    }

    public record Session(String accessToken, String tokenType, java.time.Instant expiresAt, String username,
                          String displayName, String orgId, java.util.List<String> roles) {
    }

    /** @param address the client's address, throttled like the account */
    public Mono<Session> login(String username, String password, String address) {
        return throttle.check(username, address)
                .then(accounts.find(username).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .publishOn(Schedulers.boundedElastic())
                .flatMap(account -> {
                    boolean matches = passwords.matches(password, account.map(Accounts.Account::passwordHash).orElse(unknownUserHash));
                    if (!matches || account.isEmpty()) {
                        return throttle.failed(username, address)
                                .then(Mono.error(Rejection.unauthenticated("invalid-credentials", "wrong username or password")));
                    }
                    return throttle.succeeded(username).thenReturn(session(account.get()));
                });
    }

    /** Signs a token out: refused from now on by every console instance (within seconds), though not yet expired. */
    public Mono<Void> signOut(String tokenId, java.time.Instant expiresAt) {
        return tokenId == null || expiresAt == null ? Mono.empty() : signedOut.signOut(tokenId, expiresAt);
    }

    private Session session(Accounts.Account account) {
        TokenIssuer.IssuedToken token = tokens.issue(account);
        return new Session(token.accessToken(), "Bearer", token.expiresAt(), account.username(), account.displayName(),
                account.orgId(), account.roles());
    }
}
