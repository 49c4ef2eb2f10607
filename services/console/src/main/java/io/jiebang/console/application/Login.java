package io.jiebang.console.application;

import io.jiebang.platform.Sha256;
import io.jiebang.platform.domain.Rejection;
import java.time.Clock;
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

    /** The shortest password a person sets (as the first coordinator's, docs/security.md). */
    public static final int MIN_PASSWORD = 12;

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;
    private final SignedOutTokens signedOut;
    private final String unknownUserHash;
    private final AuditTrail audit;
    private final Clock clock;

    public Login(Accounts accounts, PasswordEncoder passwords, TokenIssuer tokens, LoginThrottle throttle,
                 SignedOutTokens signedOut, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.signedOut = signedOut;
        this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** @param district the district the user belongs to; null for the city level, who reads every district */
    public record Session(String accessToken, String tokenType, java.time.Instant expiresAt, String username,
                          String displayName, String orgId, java.util.List<String> roles, String district) {
    }

    /**
     * @param address the client's address, throttled like the account and kept in the audit trail. A deactivated
     *                account, or one without a password (invited, or reset), is answered like a wrong password.
     */
    public Mono<Session> login(String username, String password, String address) {
        return throttle.check(username, address)
                .then(accounts.find(username).filter(Accounts.Account::mayLogIn).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .publishOn(Schedulers.boundedElastic())
                .flatMap(account -> {
                    boolean matches = passwords.matches(password, account.map(Accounts.Account::passwordHash).orElse(unknownUserHash));
                    if (!matches || account.isEmpty()) {
                        return throttle.failed(username, address)
                                .then(audit.record(entry(username, account.orElse(null), "LoginFailed", address)))
                                .then(Mono.error(Rejection.unauthenticated("invalid-credentials", "wrong username or password")));
                    }
                    return throttle.succeeded(username)
                            .then(audit.record(entry(username, account.get(), "LoginSucceeded", address)))
                            .thenReturn(session(account.get()));
                });
    }

    /**
     * Sets the password of an invited or reset account with its one-time activation code (docs/administration.md);
     * throttled like a login, since a code is a credential.
     */
    public Mono<Void> activate(String username, String code, String password, String address) {
        if (password.length() < MIN_PASSWORD) {
            return Mono.error(Rejection.invalid("password", "password-too-short", "a password has at least {0} characters",
                    MIN_PASSWORD));
        }
        return throttle.check(username, address)
                .then(Mono.fromCallable(() -> passwords.encode(password)).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(hash -> accounts.activate(username, Sha256.hex(code), hash, clock.instant()))
                .flatMap(done -> done
                        ? throttle.succeeded(username).then(accounts.find(username))
                                .flatMap(account -> audit.record(entry(username, account, "CredentialsSet", address)))
                        : throttle.failed(username, address).then(Mono.error(Rejection.invalid("code", "activation-invalid",
                                "this activation code is wrong, used or expired: ask the coordinator for a new one"))));
    }

    private AuditTrail.Entry entry(String username, Accounts.Account account, String action, String address) {
        String role = account == null || account.roles().isEmpty() ? null : account.roles().get(0);
        return new AuditTrail.Entry(UUID.randomUUID().toString(), clock.instant(), username,
                account == null ? null : account.orgId(), role, action, username, address,
                account == null ? null : account.district());
    }

    /** Signs a token out: refused from now on by every console instance (within seconds), though not yet expired. */
    public Mono<Void> signOut(String tokenId, java.time.Instant expiresAt) {
        return tokenId == null || expiresAt == null ? Mono.empty() : signedOut.signOut(tokenId, expiresAt);
    }

    private Session session(Accounts.Account account) {
        TokenIssuer.IssuedToken token = tokens.issue(account);
        return new Session(token.accessToken(), "Bearer", token.expiresAt(), account.username(), account.displayName(),
                account.orgId(), account.roles(), account.district());
    }
}
