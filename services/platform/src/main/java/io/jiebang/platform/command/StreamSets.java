package io.jiebang.platform.command;

import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.platform.eventstore.StreamSetStore;
import io.jiebang.platform.eventstore.StreamType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds streams by the sets their aggregates are in ({@link Aggregate#sets()}), and sweeps them: the one loop
 * behind every deadline, window and schedule check. A service whose store predates the sets has them built
 * once, from a scan of its streams, on first use.
 */
public class StreamSets {

    private final CommandExecutor executor;
    private final MongoEventStore store;
    private final StreamSetStore sets;
    private final Set<String> built = ConcurrentHashMap.newKeySet();

    public StreamSets(CommandExecutor executor, MongoEventStore store, StreamSetStore sets) {
        this.executor = executor;
        this.store = store;
        this.sets = sets;
    }

    /** The ids of the streams of this type now in the set. */
    public Flux<String> members(StreamType<?> type, String set) {
        return built(type).thenMany(Flux.defer(() -> sets.members(type.name(), set)));
    }

    /** The aggregates of this type now in the set. */
    public <A extends Aggregate> Flux<A> read(StreamType<A> type, String set) {
        return members(type, set).concatMap(id -> executor.read(type, id));
    }

    /**
     * Runs a command on each stream of the type in the set, one after another. {@code command} sees the
     * aggregate and answers what to decide, or nothing to leave it alone.
     */
    public <A extends Aggregate> Mono<Void> sweep(StreamType<A> type, String set, CommandMeta meta,
                                                  Function<A, Mono<Decider<A>>> command) {
        return members(type, set)
                .concatMap(id -> executor.read(type, id).flatMap(command)
                        .flatMap(decider -> executor.execute(type, id, meta, null, decider)))
                .then();
    }

    private Mono<Void> built(StreamType<?> type) {
        if (built.contains(type.name())) {
            return Mono.empty();
        }
        return sets.isBuilt(type.name())
                .flatMap(done -> done ? Mono.<Void>empty() : build(type))
                .doOnSuccess(done -> built.add(type.name()));
    }

    private <A extends Aggregate> Mono<Void> build(StreamType<A> type) {
        return store.streamIds(type)
                .concatMap(id -> executor.read(type, id).flatMap(aggregate -> sets.add(type.name(), aggregate.sets(), id)))
                .then(sets.markBuilt(type.name()));
    }
}
