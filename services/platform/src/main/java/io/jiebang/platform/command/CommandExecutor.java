package io.jiebang.platform.command;

import io.jiebang.events.Actor;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.platform.eventstore.Answer;
import io.jiebang.platform.eventstore.DuplicateCommitException;
import io.jiebang.platform.eventstore.LoadedStream;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.platform.eventstore.NewCommit;
import io.jiebang.platform.eventstore.Outbox;
import io.jiebang.platform.eventstore.StreamSetStore;
import io.jiebang.platform.eventstore.StreamType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Runs a command against one event-sourced aggregate: take its stream (cached, so usually no read), fold it,
 * decide, and store the raised events as one commit: one round trip to the store. Commands on one stream
 * queue behind each other in this process ({@link StreamLanes}); a race lost to another instance reloads
 * what it wrote and decides again, so exactly one of many simultaneous commands wins an exclusive change
 * and the others see the new state.
 * <p>
 * Districts (tenants, docs/tenancy.md): a stream belongs to the district of its first event, and every event it gets
 * carries that district. A user of one district is refused any command on another district's stream
 * ({@code other-district}), in every service, here; what a decision reads besides its stream is read with
 * {@link #readFor}, which refuses the same way.
 */
public class CommandExecutor {

    private static final int MAX_ATTEMPTS = 60;

    private final MongoEventStore store;
    private final Clock clock;
    private final String source;
    private final Outbox outbox;
    private final StreamSetStore sets;
    private final StreamLanes lanes = new StreamLanes();

    /**
     * @param source the CloudEvents source of the events raised here, e.g. {@code /jiebang/claim-service}
     * @param outbox given each commit with events to publish
     */
    public CommandExecutor(MongoEventStore store, Clock clock, String source, Outbox outbox, StreamSetStore sets) {
        this.store = store;
        this.sets = sets;
        this.clock = clock;
        this.source = source;
        this.outbox = outbox;
    }

    public <A extends Aggregate> Mono<Outcome> execute(StreamType<A> type, String id, CommandMeta meta, Answer answer,
                                                       Decider<A> decider) {
        return run(type, id, meta, answer, aggregate -> Mono.fromCallable(() -> decider.decide(aggregate)));
    }

    /**
     * Like {@link #execute(StreamType, String, CommandMeta, Answer, Decider)} for a decision that needs more than
     * the aggregate: {@code context} reads what else it needs (other streams), knowing the aggregate as just loaded,
     * so the aggregate is loaded once.
     */
    public <A extends Aggregate, C> Mono<Outcome> execute(StreamType<A> type, String id, CommandMeta meta, Answer answer,
                                                          Function<A, Mono<C>> context,
                                                          BiFunction<A, C, List<DomainEvent>> decider) {
        return run(type, id, meta, answer, aggregate -> context.apply(aggregate)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("no context for a command on " + type.key(id))))
                .map(known -> decider.apply(aggregate, known)));
    }

    private <A extends Aggregate> Mono<Outcome> run(StreamType<A> type, String id, CommandMeta meta, Answer answer,
                                                    Function<A, Mono<List<DomainEvent>>> decider) {
        String streamKey = type.key(id);
        String dedupKey = meta.dedupKeyFor(streamKey);
        Command<A> command = new Command<>(type, id, streamKey, dedupKey, meta, answer, decider);
        Mono<Outcome> fresh = lanes.run(streamKey, () -> attempt(command, 1));
        if (dedupKey == null) {
            return fresh;
        }
        return replay(dedupKey, meta).switchIfEmpty(fresh);
    }

    /** Loads an aggregate for a query or a check, without changing it. */
    public <A extends Aggregate> Mono<A> read(StreamType<A> type, String id) {
        return store.load(type.key(id)).map(stream -> rehydrate(type, id, stream));
    }

    /**
     * Loads an aggregate a command of this actor reads besides its own stream (a batch, an organisation), refusing one
     * of another district as the command itself would be refused.
     */
    public <A extends Aggregate> Mono<A> readFor(Actor actor, StreamType<A> type, String id) {
        return store.load(type.key(id)).map(stream -> {
            requireSameDistrict(actor, stream);
            return rehydrate(type, id, stream);
        });
    }

    /** The district of an aggregate's stream; empty when the stream has no events. */
    public Mono<String> districtOf(StreamType<?> type, String id) {
        return store.loadCached(type.key(id)).mapNotNull(LoadedStream::district);
    }

    /** Completes when this reader may read the aggregate (theirs, or they read every district); refuses it otherwise. */
    public Mono<Void> requireReadable(Actor reader, StreamType<?> type, String id) {
        return store.loadCached(type.key(id)).doOnNext(stream -> requireSameDistrict(reader, stream)).then();
    }

    private static void requireSameDistrict(Actor actor, LoadedStream stream) {
        if (actor != null && actor.isBoundToDistrict() && stream.district() != null
                && !stream.district().equals(actor.district())) {
            // Named by its id, as the caller named it (the stream's key is "<type>:<id>").
            throw Rejection.forbidden("other-district", "{0} belongs to another district than yours",
                    stream.key().substring(stream.key().indexOf(':') + 1));
        }
    }

    /** One command on one stream, as it is tried (again after a lost race). */
    private record Command<A extends Aggregate>(StreamType<A> type, String id, String streamKey, String dedupKey,
                                                CommandMeta meta, Answer answer,
                                                Function<A, Mono<List<DomainEvent>>> decider) {
    }

    private <A extends Aggregate> Mono<Outcome> attempt(Command<A> command, int attempt) {
        CommandMeta meta = command.meta();
        Mono<LoadedStream> loaded = Mono.defer(() -> attempt == 1 ? store.loadCached(command.streamKey())
                : store.load(command.streamKey()));
        Mono<Outcome> decided = loaded.flatMap(stream -> {
            if (meta.cause() != null && stream.contains(meta.cause().eventId())) {
                return Mono.just(Outcome.unchanged(command.answer()));
            }
            if (meta.cause() == null) {
                requireSameDistrict(meta.actor(), stream);
            }
            A aggregate = rehydrate(command.type(), command.id(), stream);
            Set<String> setsBefore = aggregate.sets();
            if (meta.cause() != null) {
                aggregate.apply(meta.cause());
            }
            return command.decider().apply(aggregate).flatMap(raised -> commit(command, attempt, stream, aggregate,
                    setsBefore, Objects.requireNonNull(raised, "a decider returns a list")));
        });
        if (attempt > 1) {
            return decided;
        }
        // The cached stream may be behind another instance's commit. A change would collide and be decided again;
        // a refusal or a no-op would not, so those are decided again on the stream as stored before they stand.
        return decided
                .onErrorResume(Rejection.class, refusedOnCache -> attempt(command, 2))
                .flatMap(outcome -> outcome.events().isEmpty() && !outcome.replayed() && meta.cause() == null
                        ? attempt(command, 2) : Mono.just(outcome));
    }

    private <A extends Aggregate> Mono<Outcome> commit(Command<A> command, int attempt, LoadedStream stream, A aggregate,
                                                       Set<String> setsBefore, List<DomainEvent> raised) {
        CommandMeta meta = command.meta();
        Answer answer = command.answer();
        String type = command.type().name();
        if (raised.isEmpty() && meta.cause() == null) {
            return Mono.just(Outcome.unchanged(answer));
        }
        List<EventEnvelope> own = envelopes(raised, stream, meta);
        List<EventEnvelope> external = meta.cause() == null ? List.of() : List.of(meta.cause());
        NewCommit commit = new NewCommit(type, command.streamKey(), stream.version() + 1, external, own,
                command.dedupKey(), meta.fingerprint(), answer);
        own.forEach(aggregate::apply);
        Set<String> setsAfter = aggregate.sets();
        // Joined before the commit and left after it: a crash in between leaves a stream in a set too many
        // (a sweep then finds nothing to do), never missing from one.
        return sets.add(type, minus(setsAfter, setsBefore), command.id())
                .then(store.append(commit))
                .doOnNext(outgoing -> {
                    if (!own.isEmpty()) {
                        outbox.committed(outgoing);
                    }
                })
                .doOnError(failure -> !(failure instanceof DuplicateCommitException), failure -> outbox.uncertain())
                .flatMap(outgoing -> sets.remove(type, minus(setsBefore, setsAfter), command.id())
                        .onErrorResume(e -> Mono.empty()))
                .thenReturn(Outcome.committed(answer, own))
                .onErrorResume(DuplicateCommitException.class, collision -> afterCollision(command, attempt));
    }

    private <A extends Aggregate> Mono<Outcome> afterCollision(Command<A> command, int attempt) {
        Mono<Outcome> again = Mono.defer(() -> {
            if (attempt >= MAX_ATTEMPTS) {
                return Mono.error(Rejection.conflict("concurrent-modification",
                        "too many simultaneous changes to {0}; try again", command.streamKey()));
            }
            Mono<Outcome> retry = attempt(command, attempt + 1);
            if (attempt == 1) {
                // Usually this process's cache was behind another instance's commit: read it and go again at once.
                return retry;
            }
            long backoffMicros = ThreadLocalRandom.current().nextLong(200, 1000L * Math.min(attempt, 20));
            return Mono.delay(Duration.ofNanos(backoffMicros * 1000)).then(retry);
        });
        if (command.dedupKey() == null) {
            return again;
        }
        return replay(command.dedupKey(), command.meta()).switchIfEmpty(again);
    }

    private Mono<Outcome> replay(String dedupKey, CommandMeta meta) {
        return store.answerFor(dedupKey).flatMap(stored -> {
            if (meta.fingerprint() != null && stored.fingerprint() != null
                    && !meta.fingerprint().equals(stored.fingerprint())) {
                return Mono.error(Rejection.unprocessable("idempotency-key-reused",
                        "this Idempotency-Key was already used for a different request"));
            }
            return Mono.just(Outcome.replayed(stored.answer()));
        });
    }

    /**
     * The raised events with their places: {@code sequence} in the stream (the recorded events of others included),
     * and among their subject's events {@code position} (this service's own, without gaps) and {@code seen} (the
     * positions of the others' events on the subject applied so far, which this decision may depend on).
     */
    private List<EventEnvelope> envelopes(List<DomainEvent> raised, LoadedStream stream, CommandMeta meta) {
        long sequence = stream.events().size() + (meta.cause() == null ? 0 : 1);
        String causation = meta.cause() == null ? null : meta.cause().eventId();
        List<EventEnvelope> applied = new ArrayList<>(stream.events());
        if (meta.cause() != null) {
            applied.add(meta.cause());
        }
        String district = stream.district() != null ? stream.district()
                : meta.cause() != null ? meta.cause().district() : meta.actor().district();
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (DomainEvent event : raised) {
            long position = 1;
            Map<String, Long> seen = new HashMap<>();
            for (EventEnvelope before : applied) {
                if (!before.aggregateId().equals(event.aggregateId())) {
                    continue;
                }
                if (source.equals(before.source())) {
                    position++;
                } else if (before.position() > 0) {
                    seen.merge(before.source(), before.position(), Math::max);
                }
            }
            EventEnvelope envelope = EventEnvelope.wrap(event, ++sequence, clock.instant(), source, meta.actor(),
                    meta.correlationId(), causation, position, seen, district);
            envelopes.add(envelope);
            applied.add(envelope);
        }
        return envelopes;
    }

    private static Set<String> minus(Set<String> these, Set<String> those) {
        Set<String> left = new HashSet<>(these);
        left.removeAll(those);
        return left;
    }

    private static <A extends Aggregate> A rehydrate(StreamType<A> type, String id, LoadedStream stream) {
        A aggregate = type.factory().apply(id);
        stream.events().forEach(aggregate::apply);
        return aggregate;
    }
}
