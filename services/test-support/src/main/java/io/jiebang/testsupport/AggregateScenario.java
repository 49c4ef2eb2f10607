package io.jiebang.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiebang.events.Actor;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.domain.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Given/when/expect for an aggregate, with no Spring and no broker:
 * {@code given(events...).when(a -> a.command(...)).expect(events...)} or {@code .rejected(kind, code)}.
 */
public final class AggregateScenario<A extends Aggregate> {

    private final A aggregate;
    private Instant time = Instant.parse("2026-03-01T00:00:00Z");
    private long sequence;

    private AggregateScenario(A aggregate) {
        this.aggregate = aggregate;
    }

    public static <A extends Aggregate> AggregateScenario<A> of(A aggregate) {
        return new AggregateScenario<>(aggregate);
    }

    /** Applies past events, each one at the current scenario time. */
    public AggregateScenario<A> given(DomainEvent... events) {
        for (DomainEvent event : events) {
            aggregate.apply(EventEnvelope.wrap(event, ++sequence, time, "/test", Actor.SYSTEM, "c", null));
        }
        return this;
    }

    /** The time at which the following given events happened. */
    public AggregateScenario<A> at(Instant instant) {
        this.time = instant;
        return this;
    }

    public A aggregate() {
        return aggregate;
    }

    public Then when(Function<A, List<DomainEvent>> command) {
        return new Then(() -> command.apply(aggregate));
    }

    public final class Then {
        private final java.util.function.Supplier<List<DomainEvent>> command;

        private Then(java.util.function.Supplier<List<DomainEvent>> command) {
            this.command = command;
        }

        public AggregateScenario<A> expect(DomainEvent... expected) {
            assertThat(command.get()).containsExactly(expected);
            return AggregateScenario.this;
        }

        public AggregateScenario<A> expectNothing() {
            assertThat(command.get()).isEmpty();
            return AggregateScenario.this;
        }

        /** Checks the raised events with a free assertion, for events with generated ids. */
        public AggregateScenario<A> expectThat(java.util.function.Consumer<List<DomainEvent>> check) {
            check.accept(command.get());
            return AggregateScenario.this;
        }

        public AggregateScenario<A> rejected(Rejection.Kind kind, String code) {
            assertThatThrownBy(command::get).isInstanceOfSatisfying(Rejection.class, r -> {
                assertThat(r.kind()).as(r.getMessage()).isEqualTo(kind);
                assertThat(r.code()).as(r.getMessage()).isEqualTo(code);
            });
            return AggregateScenario.this;
        }
    }
}
