package io.jiebang.platform.command;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the commands of one stream one after another, in arrival order, while commands on different streams
 * run in parallel; no thread waits meanwhile. Within one process, commands on a busy stream then queue
 * instead of colliding on its next sequence and backing off; across processes the store still decides.
 * Hand-written because Reactor has no keyed serial runner for one-off Monos (groupBy wants a long-lived
 * Flux per key), and a lock per stream would block the event loop.
 */
final class StreamLanes {

    /** Streams with a command running, and the commands waiting behind it. */
    private final Map<String, Queue<Runnable>> busy = new HashMap<>();

    <T> Mono<T> run(String streamKey, Supplier<Mono<T>> command) {
        return Mono.create(sink -> {
            Runnable job = () -> Mono.defer(command)
                    .doFinally(signal -> next(streamKey))
                    // The caller's context (its trace among it) goes with the command, whichever thread runs it.
                    .contextWrite(sink.contextView())
                    .subscribe(sink::success, sink::error, sink::success);
            boolean first;
            synchronized (busy) {
                Queue<Runnable> waiting = busy.get(streamKey);
                first = waiting == null;
                if (first) {
                    busy.put(streamKey, new ArrayDeque<>());
                } else {
                    waiting.add(job);
                }
            }
            if (first) {
                job.run();
            }
        });
    }

    private void next(String streamKey) {
        Runnable job;
        synchronized (busy) {
            job = busy.get(streamKey).poll();
            if (job == null) {
                busy.remove(streamKey);
            }
        }
        if (job != null) {
            // On another thread: a command that finished without waiting must not nest the next one's stack.
            Schedulers.parallel().schedule(job);
        }
    }
}
