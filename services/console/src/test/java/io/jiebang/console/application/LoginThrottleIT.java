package io.jiebang.console.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.jiebang.console.persistence.MongoLoginAttempts;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.platform.time.AdjustableClock;
import io.jiebang.testsupport.LocalInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.SimpleReactiveMongoDatabaseFactory;

/** Lockout per account and per address, on the real store, with a clock the test moves. */
class LoginThrottleIT {

    static final Duration WINDOW = Duration.ofMinutes(15);

    final MongoClient client = MongoClients.create(LocalInfrastructure.get().mongoUri());
    final AdjustableClock clock = new AdjustableClock(Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC));
    final LoginThrottle throttle = new LoginThrottle(new MongoLoginAttempts(
            new SimpleReactiveMongoDatabaseFactory(client, "logins-" + UUID.randomUUID())), clock, 5, 20, WINDOW);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void anAccountIsLockedAfterFiveFailuresUntilItsWindowEnds() {
        for (int i = 0; i < 4; i++) {
            fail("street-01", "10.0.0." + i);
        }
        throttle.check("street-01", "10.0.0.99").block();
        clock.advance(Duration.ofMinutes(5));
        fail("street-01", "10.0.0.5");

        assertThat(refusal("street-01", "10.0.0.99").retryAfter()).as("from any address, until the window ends")
                .contains(Duration.ofMinutes(10));
        throttle.check("street-02", "10.0.0.99").block();
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(refusal("street-01", "10.0.0.99").retryAfter()).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        throttle.check("street-01", "10.0.0.99").block();
    }

    @Test
    void anAddressIsLockedAfterTwentyFailuresWhateverAccountsItTried() {
        for (int i = 0; i < 20; i++) {
            fail("user-" + i, "203.0.113.9");
        }

        assertThat(refusal("coordinator", "203.0.113.9").code()).isEqualTo("too-many-logins");
        throttle.check("coordinator", "203.0.113.10").block();
    }

    @Test
    void aSuccessClearsTheAccountsCount() {
        for (int i = 0; i < 4; i++) {
            fail("dept-01", "10.1.0.1");
        }
        throttle.succeeded("dept-01").block();
        fail("dept-01", "10.1.0.1");

        throttle.check("dept-01", "10.1.0.1").block();
    }

    private void fail(String username, String address) {
        throttle.failed(username, address).block();
    }

    private Rejection refusal(String username, String address) {
        Throwable[] refused = new Throwable[1];
        assertThatThrownBy(() -> throttle.check(username, address).block()).isInstanceOf(Rejection.class)
                .satisfies(e -> refused[0] = e);
        Rejection rejection = (Rejection) refused[0];
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.TOO_MANY_REQUESTS);
        return rejection;
    }
}
