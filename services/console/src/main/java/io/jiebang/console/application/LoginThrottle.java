package io.jiebang.console.application;

import io.jiebang.console.security.LocalLogin;
import io.jiebang.platform.domain.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Login throttling and lockout (docs/security.md): an account with {@code account-failures} failed logins in a window
 * is locked until the window ends, and so is a client address with {@code address-failures}, whatever accounts it
 * tried; meanwhile every login there, right or wrong, is refused with 429 and {@code Retry-After}. Unknown
 * usernames count like known ones, so the answers do not tell which exist. A successful login clears its account's
 * count. The counts live in the console's store, so every instance sees them (no maintained rate limiter keeps its
 * state in MongoDB: Bucket4j's shared backends are JDBC, Redis and grid caches).
 */
@Service
@LocalLogin
public class LoginThrottle {

    private final LoginAttempts attempts;
    private final Clock clock;
    private final int accountFailures;
    private final int addressFailures;
    private final Duration window;

    @Autowired
    public LoginThrottle(LoginAttempts attempts, @Value("${jiebang.auth.throttle.account-failures:5}") int accountFailures,
                         @Value("${jiebang.auth.throttle.address-failures:20}") int addressFailures,
                         @Value("${jiebang.auth.throttle.window:PT15M}") Duration window) {
        // Real time, not the business clock tests may move: a lockout is about people, not deadlines.
        this(attempts, Clock.systemUTC(), accountFailures, addressFailures, window);
    }

    LoginThrottle(LoginAttempts attempts, Clock clock, int accountFailures, int addressFailures, Duration window) {
        this.attempts = attempts;
        this.clock = clock;
        this.accountFailures = accountFailures;
        this.addressFailures = addressFailures;
        this.window = window;
    }

    /** Refuses (429) while the account or the address is locked. */
    public Mono<Void> check(String username, String address) {
        Instant now = clock.instant();
        return attempts.read(List.of(account(username), address(address)), now.minus(window))
                .flatMap(failures -> failures.stream()
                        .filter(f -> f.count() >= (f.key().equals(account(username)) ? accountFailures : addressFailures))
                        .map(f -> f.since().plus(window))
                        .max(Comparator.naturalOrder())
                        .map(until -> Mono.<Void>error(locked(Duration.between(now, until))))
                        .orElse(Mono.empty()));
    }

    private static Rejection locked(Duration wait) {
        return Rejection.tooManyRequests(wait, "too-many-logins", "too many failed logins: try again in {0} minutes",
                Math.max(1, (wait.toSeconds() + 59) / 60));
    }

    public Mono<Void> failed(String username, String address) {
        return attempts.failed(List.of(account(username), address(address)), clock.instant(), window);
    }

    public Mono<Void> succeeded(String username) {
        return attempts.forget(account(username));
    }

    private static String account(String username) {
        return "account:" + username;
    }

    private static String address(String address) {
        return "address:" + address;
    }
}
