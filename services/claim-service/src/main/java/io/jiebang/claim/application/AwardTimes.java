package io.jiebang.claim.application;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Time to award ({@code jiebang.claims.time.to.award}): from the start of a topic's round (its publication, or
 * its reopening) to its award, tagged by who awarded it (FIRST_COME, POSTER, or COORDINATOR for an assignment).
 * Recorded where the award is decided, once per award: a replayed or unchanged command records nothing.
 */
@Component
public class AwardTimes {

    private static final String NAME = "jiebang.claims.time.to.award";

    private final CommandExecutor executor;
    private final MeterRegistry registry;

    public AwardTimes(CommandExecutor executor, MeterRegistry registry) {
        this.executor = executor;
        this.registry = registry;
    }

    /** Records the award among the outcome's events, if any, and answers the outcome. */
    public Mono<Outcome> record(String topicId, Outcome outcome) {
        return outcome.events().stream().filter(AwardTimes::isAward).findFirst()
                .map(award -> executor.read(ClaimStreams.TOPICS, topicId)
                        .doOnNext(market -> market.roundOpenedAt().ifPresent(opened ->
                                timer(awardedBy(award)).record(Duration.between(opened, award.occurredAt()))))
                        .thenReturn(outcome))
                .orElse(Mono.just(outcome));
    }

    private static boolean isAward(EventEnvelope event) {
        return event.data() instanceof ClaimAwarded || event.data() instanceof TopicAssigned;
    }

    private static String awardedBy(EventEnvelope award) {
        return award.data() instanceof ClaimAwarded awarded ? awarded.awardedBy().name() : "COORDINATOR";
    }

    private Timer timer(String awardedBy) {
        return Timer.builder(NAME).description("From the start of a topic's round to its award")
                .tag("awarded.by", awardedBy)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMinutes(1)).maximumExpectedValue(Duration.ofDays(90))
                .register(registry);
    }
}
