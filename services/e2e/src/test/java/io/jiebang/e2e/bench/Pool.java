package io.jiebang.e2e.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Things in one state, ready for the next step of their life, picked at random. An item may be held back:
 * the other services hear of a change through Kafka, so a topic just published is claimed a moment later.
 */
final class Pool<T> {

    /** Long enough for the services to hear of a change on an idle stack; under load some commands come early and are refused. */
    static final long HOLD_BACK_NANOS = 2_000_000_000L;

    private record Held<T>(T item, long readyAt) {
    }

    /** Every item waits the same time, so the first held is always the first ready. */
    private final Deque<Held<T>> held = new ArrayDeque<>();
    private final List<T> ready = new ArrayList<>();

    synchronized void add(T item) {
        ready.add(item);
    }

    synchronized void addHeldBack(T item) {
        held.addLast(new Held<>(item, System.nanoTime() + HOLD_BACK_NANOS));
    }

    /** Removes and returns a ready item. */
    synchronized Optional<T> take() {
        release();
        if (ready.isEmpty()) {
            return Optional.empty();
        }
        int i = ThreadLocalRandom.current().nextInt(ready.size());
        T item = ready.get(i);
        ready.set(i, ready.get(ready.size() - 1));
        ready.remove(ready.size() - 1);
        return Optional.of(item);
    }

    /** Returns a ready item and leaves it in the pool. */
    synchronized Optional<T> peek() {
        release();
        return ready.isEmpty() ? Optional.empty() : Optional.of(ready.get(ThreadLocalRandom.current().nextInt(ready.size())));
    }

    synchronized int size() {
        return ready.size() + held.size();
    }

    private void release() {
        long now = System.nanoTime();
        while (!held.isEmpty() && held.peekFirst().readyAt() - now <= 0) {
            ready.add(held.removeFirst().item());
        }
    }
}
