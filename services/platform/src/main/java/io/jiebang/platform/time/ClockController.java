package io.jiebang.platform.time;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Lets tests move business time forward ({@code jiebang.clock.adjustable=true} only) and runs whatever
 * fell due before answering, so a test never sleeps to reach a deadline.
 */
@RestController
@RequestMapping("/internal/clock")
public class ClockController {

    private final AdjustableClock clock;
    private final WorkScheduler scheduler;

    public ClockController(AdjustableClock clock, WorkScheduler scheduler) {
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
