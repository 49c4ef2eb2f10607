package io.jiebang.console.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiebang.platform.domain.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;

class LoginTest {

    final AtomicInteger hashChecks = new AtomicInteger();
    final PasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    final PasswordEncoder passwords = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            hashChecks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    final LocalAccountsSetupTest.InMemoryAccounts accounts = new LocalAccountsSetupTest.InMemoryAccounts();
    final List<AuditTrail.Entry> audited = new ArrayList<>();
    final AuditTrail audit = new AuditTrail() {
        @Override
        public Mono<Void> recordAll(List<io.jiebang.events.EventEnvelope> events) {
            return Mono.error(new UnsupportedOperationException());
        }

        @Override
        public Mono<Void> record(Entry entry) {
            return Mono.fromRunnable(() -> audited.add(entry));
        }

        @Override
        public reactor.core.publisher.Flux<Entry> search(Query query, long skip, int limit) {
            return reactor.core.publisher.Flux.error(new UnsupportedOperationException());
        }
    };
    final List<String> failures = new ArrayList<>();
    final LoginThrottle throttle = new LoginThrottle(new LoginAttempts() {
        @Override
        public Mono<List<Failures>> read(List<String> keys, Instant notBefore) {
            return Mono.just(List.of());
        }

        @Override
        public Mono<Void> failed(List<String> keys, Instant now, Duration window) {
            return Mono.fromRunnable(() -> failures.addAll(keys));
        }

        @Override
        public Mono<Void> forget(String key) {
            return Mono.empty();
        }
    }, Clock.systemUTC(), 5, 20, Duration.ofMinutes(15));
    final Login login = new Login(accounts, passwords, account -> new TokenIssuer.IssuedToken("t", Instant.now()), throttle,
            new SignedOutTokens() {
                @Override
                public Mono<Void> signOut(String tokenId, Instant expiresAt) {
                    return Mono.empty();
                }

                @Override
                public Mono<Void> signOutUser(String username, Instant since) {
                    return Mono.empty();
                }
            }, audit, Clock.systemUTC());

    @Test
    void anUnknownUserCostsTheSameHashCheckAsAWrongPasswordAndCountsAsAFailure() {
        accounts.addIfAbsent(new Accounts.Account("street-01", bcrypt.encode("right"), "street-01", List.of("STAFF"), "S", false)).block();
        hashChecks.set(0);

        assertThatThrownBy(() -> login.login("street-01", "wrong", "10.0.0.1").block()).isInstanceOf(Rejection.class)
                .hasMessage("wrong username or password");
        assertThatThrownBy(() -> login.login("nobody", "wrong", "10.0.0.1").block()).isInstanceOf(Rejection.class)
                .hasMessage("wrong username or password");

        assertThat(hashChecks).as("one hash check each").hasValue(2);
        assertThat(failures).containsExactly("account:street-01", "address:10.0.0.1", "account:nobody", "address:10.0.0.1");
        assertThat(login.login("street-01", "right", "10.0.0.1").block().username()).isEqualTo("street-01");
        assertThat(audited).extracting(AuditTrail.Entry::action, AuditTrail.Entry::user, AuditTrail.Entry::orgId, AuditTrail.Entry::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("LoginFailed", "street-01", "street-01", "10.0.0.1"),
                        org.assertj.core.groups.Tuple.tuple("LoginFailed", "nobody", null, "10.0.0.1"),
                        org.assertj.core.groups.Tuple.tuple("LoginSucceeded", "street-01", "street-01", "10.0.0.1"));
    }
}
