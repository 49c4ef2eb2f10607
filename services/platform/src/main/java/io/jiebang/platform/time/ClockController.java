package io.jiebang.platform.time;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Lets tests move business time forward ({@code jiebang.clock.adjustable=true} only) and runs whatever
 * fell due before answering, so a test never sleeps to reach a deadline. Anyone who reaches it can move every
 * deadline of the board, so a service refuses to start with it unless the {@code test} profile is active too.
 */
@RestController
@RequestMapping("/internal/clock")
public class ClockController {

    private final AdjustableClock clock;
    private final WorkScheduler scheduler;

    public static final String TEST_PROFILE = "test";

    public ClockController(AdjustableClock clock, WorkScheduler scheduler, Environment environment) {
        if (!environment.acceptsProfiles(Profiles.of(TEST_PROFILE))) {
            throw new IllegalStateException("jiebang.clock.adjustable=true opens /internal/clock to anyone: it is for tests, "
                    + "with the '" + TEST_PROFILE + "' profile active (SPRING_PROFILES_ACTIVE=" + TEST_PROFILE + "); refusing to start");
        }
        this.clock = clock;
        this.scheduler = scheduler;
    }

    public record Now(Instant now) {
    }

    public record Advance(@NotNull Duration by) {
    }

    @GetMapping
    public Now now() {
        return new Now(clock.instant());
    }

    @PostMapping("/advance")
    public Mono<Now> advance(@Valid @RequestBody Advance request) {
        clock.advance(request.by());
        return scheduler.runNow().thenReturn(new Now(clock.instant()));
    }

    /** Runs due work without moving time. */
    @PostMapping("/tick")
    public Mono<Now> tick() {
        return scheduler.runNow().thenReturn(new Now(clock.instant()));
    }
}
