package io.jiebang.platform.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.jiebang.events.Actor;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.platform.EmbeddedStore;
import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.platform.eventstore.Answer;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.platform.eventstore.Outbox;
import io.jiebang.platform.eventstore.PendingCommit;
import io.jiebang.platform.eventstore.StreamSetStore;
import io.jiebang.platform.eventstore.StreamType;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances of a service on one store: neither refuses a command on what its cache missed of the other's. */
class CommandExecutorIT {

    static EmbeddedStore embedded;

    @BeforeAll
    static void start() {
        embedded = new EmbeddedStore();
    }

    @AfterAll
    static void stop() {
        embedded.close();
    }

    /** A batch that may be closed once it is open. */
    static final class Gate implements Aggregate {
        boolean open;
        boolean closed;

        @Override
        public void apply(EventEnvelope event) {
            if (event.data() instanceof BatchOpened) {
                open = true;
            } else if (event.data() instanceof BatchClosed) {
                closed = true;
            }
        }
    }

    static final StreamType<Gate> GATES = new StreamType<>("gate", id -> new Gate());
    static final Outbox NO_RELAY = new Outbox() {
        @Override
        public void committed(PendingCommit commit) {
        }

        @Override
        public void uncertain() {
        }
    };

    @Test
    void aCommandRefusedOnAStaleCacheIsDecidedAgainOnTheStoredStream() {
        MongoDatabase database = embedded.freshDatabase();
        CommandExecutor first = executor(database, "first");
        CommandExecutor second = executor(database, "second");
        // The second instance has the gate cached as it was: posted, not yet open.
        second.execute(GATES, "g1", CommandMeta.system(), new Answer(202, null, null), gate -> List.of()).block();
        first.execute(GATES, "g1", CommandMeta.system(), new Answer(202, null, null), gate -> List.of(new BatchOpened("g1"))).block();

        Outcome closed = second.execute(GATES, "g1", CommandMeta.system(), new Answer(202, null, null), gate -> {
            if (!gate.open) {
                throw Rejection.conflict("not-open", "the gate is not open");
            }
            return List.of(new BatchClosed("g1"));
        }).block();

        assertThat(closed.events()).extracting(event -> event.data()).containsExactly(new BatchClosed("g1"));
    }

    @Test
    void aStreamIsItsFirstEventsDistrictsAndAnotherDistrictsUserChangesNothingOfIt() {
        MongoDatabase database = embedded.freshDatabase();
        CommandExecutor executor = executor(database, "only");
        Actor theirs = new Actor("c2", null, Actor.Role.COORDINATOR, "d2");
        Actor ours = new Actor("c1", null, Actor.Role.COORDINATOR, "d1");
        Outcome opened = executor.execute(GATES, "g2", CommandMeta.command(theirs, null, null), new Answer(202, null, null),
                gate -> List.of(new BatchOpened("g2"))).block();
        assertThat(opened.events()).extracting(EventEnvelope::district).containsExactly("d2");

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> executor.execute(GATES, "g2",
                CommandMeta.command(ours, null, null), new Answer(202, null, null), gate -> List.of(new BatchClosed("g2"))).block());
        assertThat(refused).isInstanceOfSatisfying(Rejection.class, r -> {
            assertThat(r.code()).isEqualTo("other-district");
            assertThat(r.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
        });
        assertThat(executor.read(GATES, "g2").block().closed).as("nothing stored").isFalse();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> executor.readFor(ours, GATES, "g2").block()))
                .isInstanceOf(Rejection.class);
        assertThat(executor.readFor(theirs, GATES, "g2").block().open).isTrue();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> executor.requireReadable(ours, GATES, "g2").block()))
                .isInstanceOf(Rejection.class);
        executor.requireReadable(new Actor("city", null, Actor.Role.CITY, null), GATES, "g2").block();

        // The system's scheduled work acts in every district, and what it raises stays the stream's district's.
        Outcome closed = executor.execute(GATES, "g2", CommandMeta.system(), new Answer(202, null, null),
                gate -> List.of(new BatchClosed("g2"))).block();
        assertThat(closed.events()).extracting(EventEnvelope::district).containsExactly("d2");
    }

    private static CommandExecutor executor(MongoDatabase database, String instance) {
        MongoEventStore store = new MongoEventStore(database, instance);
        return new CommandExecutor(store, Clock.systemUTC(), "/test/" + instance, NO_RELAY, new StreamSetStore(database));
    }
}
