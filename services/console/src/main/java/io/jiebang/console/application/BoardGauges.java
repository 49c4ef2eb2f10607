package io.jiebang.console.application;

import io.jiebang.console.readmodel.TopicStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The board as gauges: topics by state ({@code jiebang.board.topics}), by the level of their open reminders and
 * escalations ({@code jiebang.board.escalated}) and overdue ({@code jiebang.board.overdue}). Counted every
 * {@code interval} from the board's list index and kept, so a scrape reads nothing. Until the first count the
 * gauges have no value (NaN).
 */
@Component
public class BoardGauges implements SmartLifecycle {

    private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(10);

    private final BoardCounts board;
    private final Clock clock;
    private final Duration interval;
    private final AtomicReference<BoardCounts.Counts> last = new AtomicReference<>();
    private volatile Disposable counting;

    public BoardGauges(BoardCounts board, Clock clock, MeterRegistry registry,
                       @Value("${jiebang.metrics.board-interval:PT15S}") Duration interval) {
        this.board = board;
        this.clock = clock;
        this.interval = interval;
        for (TopicStatus status : TopicStatus.values()) {
            gauge("jiebang.board.topics", "Topics in this state", counts -> counts.byStatus().getOrDefault(status, 0L))
                    .tag("status", status.name()).register(registry);
        }
        for (int level = 1; level <= 3; level++) {
            int wanted = level;
            gauge("jiebang.board.escalated",
                    "Topics whose highest open reminder (1) or escalation (2, 3) has this level",
                    counts -> counts.byEscalationLevel().getOrDefault(wanted, 0L))
                    .tag("level", String.valueOf(level)).register(registry);
        }
        gauge("jiebang.board.overdue", "Awarded topics not yet accepted whose due date has passed",
                BoardCounts.Counts::overdue).register(registry);
    }

    private Gauge.Builder<AtomicReference<BoardCounts.Counts>> gauge(String name, String description,
            ToDoubleFunction<BoardCounts.Counts> value) {
        return Gauge.builder(name, last, counts -> counts.get() == null ? Double.NaN : value.applyAsDouble(counts.get()))
                .description(description);
    }

    @Override
    public void start() {
        counting = Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> board.counts(clock.instant()).timeout(COUNT_TIMEOUT).onErrorResume(e -> Mono.empty()))
                .subscribe(last::set);
    }

    @Override
    public void stop() {
        Disposable running = counting;
        if (running != null) {
            running.dispose();
        }
        counting = null;
    }

    @Override
    public boolean isRunning() {
        return counting != null;
    }
}
