package io.jiebang.console.application;

import io.jiebang.platform.domain.Rejection;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Checks a username and password against the local directory and issues a token carrying org and roles. */
@Service
@io.jiebang.console.security.LocalLogin
public class Login {

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;

    public Login(Accounts accounts, PasswordEncoder passwords, TokenIssuer tokens) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
    }

    public record Session(String accessToken, String tokenType, java.time.Instant expiresAt, String username,
                          String displayName, String orgId, java.util.List<String> roles) {
    }

    public Mono<Session> login(String username, String password) {
        return accounts.find(username)
                .publishOn(Schedulers.boundedElastic())
                .filter(account -> passwords.matches(password, account.passwordHash()))
                .switchIfEmpty(Mono.error(Rejection.unauthenticated("invalid-credentials", "wrong username or password")))
                .map(account -> {
                    TokenIssuer.IssuedToken token = tokens.issue(account);
                    return new Session(token.accessToken(), "Bearer", token.expiresAt(), account.username(),
                            account.displayName(), account.orgId(), account.roles());
                });
    }
}
