package io.jiebang.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ClockControllerTest {

    final AdjustableClock clock = new AdjustableClock(Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void theClockHookRefusesToStartOutsideTheTestProfile() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("prod");

        assertThatThrownBy(() -> new ClockController(clock, null, production))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'test' profile");
        assertThatThrownBy(() -> new ClockController(clock, null, new MockEnvironment()))
                .as("no profile at all").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTestProfileMayMoveTheClock() {
        MockEnvironment test = new MockEnvironment();
        test.setActiveProfiles(ClockController.TEST_PROFILE);

        assertThat(new ClockController(clock, null, test).now().now()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
    }
}
