package io.jiebang.platform.relay;

import io.jiebang.platform.deadletter.DeadLetter;
import io.jiebang.platform.deadletter.DeadLetterReplayer;
import io.jiebang.platform.deadletter.DeadLetterStore;
import io.jiebang.platform.deadletter.EventPeek;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.platform.eventstore.Outbox;
import io.jiebang.platform.eventstore.PendingCommit;
import io.jiebang.platform.eventstore.Relayers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes stored events to Kafka. Each commit is handed over in memory as soon as it is stored; the relay
 * sends what has gathered in one go, without waiting between records, and marks the acknowledged commits
 * published in one write. The store is searched for unpublished commits only at start (what a crash left
 * behind), after the in-memory queue overflowed, and after a write whose outcome is unknown.
 * <ul>
 *   <li>Order: each stream's commits go in the order of their sequence (never of a wall-clock time: the instances
 *       that stored them may disagree on the time), a stream's next commit only once its previous one was
 *       acknowledged, and failed commits are retried before anything newer, so each stream's events reach Kafka
 *       in order; a retry may publish an event twice, which consumers ignore by event id.</li>
 *   <li>A record Kafka can never take (too large, say) is dead-lettered with the reason and logged, so it cannot
 *       hold up the others: the commit is marked ({@code deadLetter}) and a dead letter of origin OUTBOX is kept
 *       with the service's others ({@link DeadLetterStore}), where a coordinator replays ({@link #replay}) or
 *       discards it.</li>
 *   <li>Several instances: each relays the commits it stored, and keeps a heartbeat in {@link Relayers}.
 *       The commits of an instance whose heartbeat lapsed (killed, say) are adopted by one of the others;
 *       a restarted instance, under its old name, takes its own back at start. A commit whose stream's previous
 *       commit (stored by another instance) is not yet published is held until it is, so each stream's events
 *       reach Kafka in order however many instances relay them: readers that keep a stream's last sequence
 *       rely on it.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle, Outbox, DeadLetterReplayer {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final int QUEUE_CAPACITY = 20_000;
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    /** A heartbeat this often; a lease several beats long, so a slow beat or two does not hand commits over. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);
    public static final Duration LEASE = Duration.ofSeconds(20);

    private final MongoEventStore store;
    private final EventPublisher publisher;
    private final Relayers relayers;
    private final DeadLetterStore deadLetters;
    private final String service;
    private long nextBeatNanos;
    private final BlockingQueue<PendingCommit> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    /** Set at start: what the previous run left unpublished is sent before anything new. */
    private volatile boolean searchStore = true;
    /** Commits the last search published; their queue entries are skipped. Worker thread only. */
    private final Set<String> foundBySearch = new HashSet<>();
    /** Commits waiting for their stream's previous commit, relayed by another instance. Worker thread only. */
    private final List<PendingCommit> held = new ArrayList<>();
    /** The last commit this relay published, per stream, for the streams it relayed lately. Worker thread only. */
    private final Map<String, Long> publishedUpTo = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 100_000;
        }
    };
    private volatile boolean running;
    private Thread worker;

    /** A relay whose dead letters are only marked on their commits (tests of the relay alone). */
    public OutboxRelay(MongoEventStore store, EventPublisher publisher, Relayers relayers) {
        this(store, publisher, relayers, null, null);
    }

    /** @param deadLetters where the service keeps its dead letters, listed for its coordinators */
    public OutboxRelay(MongoEventStore store, EventPublisher publisher, Relayers relayers, DeadLetterStore deadLetters,
                       String service) {
        this.store = store;
        this.publisher = publisher;
        this.relayers = relayers;
        this.deadLetters = deadLetters;
        this.service = service;
    }

    @Override
    public void committed(PendingCommit commit) {
        if (!queue.offer(commit)) {
            // Still in the store: found there once the backlog has gone.
            searchStore = true;
        }
    }

    @Override
    public void uncertain() {
        searchStore = true;
    }

    /** Events acknowledged by Kafka since start. */
    public long publishedCount() {
        return published.get();
    }

    /** Commits given up on since start (see {@link MongoEventStore#markDeadLettered}). */
    public long deadLetteredCount() {
        return deadLettered.get();
    }

    @Override
    public synchronized void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop before the binder's producers (default phase) are stopped.
        return Integer.MAX_VALUE - 100;
    }

    private void loop() {
        while (running) {
            try {
                keepAlive();
                if (searchStore) {
                    searchStore = false;
                    publishFromStore();
                } else {
                    publishQueued();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The store is away (the broker is retried inside publish): search it again once it is back.
                searchStore = true;
                log.warn("reading unpublished commits failed, retrying: {}", e.toString());
                sleep(MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** Renews this instance's lease and adopts the commits of one whose lease lapsed, every heartbeat. */
    private void keepAlive() {
        if (System.nanoTime() - nextBeatNanos < 0) {
            return;
        }
        nextBeatNanos = System.nanoTime() + HEARTBEAT.toNanos();
        relayers.beat().block(STORE_TIMEOUT);
        String gone = relayers.takeLapsed().block(STORE_TIMEOUT);
        if (gone != null) {
            long adopted = store.adopt(gone).block(STORE_TIMEOUT);
            log.info("instance {} is gone; {} of its commits are relayed by {} instead", gone, adopted, relayers.self());
            searchStore |= adopted > 0;
        }
    }

    private void publishFromStore() throws InterruptedException {
        long adopted = store.adoptAllBut(relayers.alive().block(STORE_TIMEOUT)).block(STORE_TIMEOUT);
        if (adopted > 0) {
            log.info("{} commits of instances that are gone are relayed by {}", adopted, relayers.self());
        }
        List<PendingCommit> page;
        do {
            page = store.pending(BATCH).collectList().block(STORE_TIMEOUT);
            page.forEach(commit -> foundBySearch.add(commit.commitId()));
            publish(page);
        } while (running && page.size() == BATCH);
    }

    private void publishQueued() throws InterruptedException {
        PendingCommit first = queue.poll(held.isEmpty() ? 1_000 : 100, TimeUnit.MILLISECONDS);
        List<PendingCommit> queued = new ArrayList<>();
        if (first != null) {
            queued.add(first);
            queue.drainTo(queued, BATCH - 1);
            queued.removeIf(commit -> foundBySearch.remove(commit.commitId()));
        } else if (held.isEmpty()) {
            foundBySearch.clear();
            return;
        }
        List<PendingCommit> batch = new ArrayList<>(held);
        held.clear();
        batch.addAll(queued);
        publish(batch);
    }

    /**
     * The commits that may go now; those whose stream's previous commit, outside this batch, is still unpublished
     * (another instance has it) are held, with every later commit of their stream.
     */
    private List<PendingCommit> inStreamOrder(List<PendingCommit> commits) {
        Set<String> inBatch = new HashSet<>();
        commits.forEach(commit -> inBatch.add(commit.commitId()));
        Set<String> toCheck = new HashSet<>();
        for (PendingCommit commit : commits) {
            String previous = commit.previousCommitId();
            if (previous != null && !inBatch.contains(previous)
                    && publishedUpTo.getOrDefault(commit.streamKey(), 0L) < commit.seq() - 1) {
                toCheck.add(previous);
            }
        }
        Set<String> waitingFor = store.unpublished(toCheck).block(STORE_TIMEOUT);
        if (waitingFor.isEmpty()) {
            return commits;
        }
        Set<String> heldStreams = new HashSet<>();
        List<PendingCommit> ready = new ArrayList<>();
        for (PendingCommit commit : commits) {
            if (heldStreams.contains(commit.streamKey()) || waitingFor.contains(commit.previousCommitId())) {
                heldStreams.add(commit.streamKey());
                held.add(commit);
            } else {
                ready.add(commit);
            }
        }
        log.debug("{} commits wait for their stream's previous commit, relayed by another instance", held.size());
        return ready;
    }

    /**
     * Each stream's commits in the order of their sequence, in the places the stream's commits had among the others
     * (which came in the order they were stored or found: by the storing instances' clocks, which may be skewed);
     * a commit given twice (held, then found by a search) once.
     */
    static List<PendingCommit> bySequence(List<PendingCommit> commits) {
        Map<String, PendingCommit> unique = new LinkedHashMap<>();
        commits.forEach(commit -> unique.putIfAbsent(commit.commitId(), commit));
        Map<String, java.util.Deque<PendingCommit>> streams = new HashMap<>();
        for (PendingCommit commit : unique.values()) {
            streams.computeIfAbsent(commit.streamKey(), key -> new java.util.ArrayDeque<>()).add(commit);
        }
        streams.replaceAll((key, stream) -> stream.stream().sorted(Comparator.comparingLong(PendingCommit::seq))
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayDeque::new)));
        List<PendingCommit> ordered = new ArrayList<>(unique.size());
        for (PendingCommit commit : unique.values()) {
            ordered.add(streams.get(commit.streamKey()).poll());
        }
        return ordered;
    }

    /** Returns once every commit is published or dead-lettered, retrying with a growing pause. */
    private void publish(List<PendingCommit> commits) throws InterruptedException {
        long backoffMillis = MIN_BACKOFF_MILLIS;
        List<PendingCommit> left = inStreamOrder(bySequence(commits));
        while (!left.isEmpty() && running) {
            int before = left.size();
            left = publishOnce(left);
            if (!left.isEmpty()) {
                if (left.size() < before) {
                    // Some got through: the broker is there, so the next try comes soon.
                    backoffMillis = MIN_BACKOFF_MILLIS;
                }
                log.warn("{} commits not yet published, retrying in {} ms", left.size(), backoffMillis);
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /**
     * Sends in waves: each wave holds the oldest waiting commit of every stream, all sent at once, so a
     * stream's next commit leaves only after its previous one was acknowledged. Answers those to try again.
     */
    private List<PendingCommit> publishOnce(List<PendingCommit> commits) throws InterruptedException {
        List<String> acknowledged = new ArrayList<>();
        List<PendingCommit> retry = new ArrayList<>();
        Set<String> failedStreams = new HashSet<>();
        int events = 0;
        List<PendingCommit> waiting = commits;
        while (!waiting.isEmpty()) {
            Map<String, PendingCommit> wave = new LinkedHashMap<>();
            List<PendingCommit> later = new ArrayList<>();
            for (PendingCommit commit : waiting) {
                if (failedStreams.contains(commit.streamKey())) {
                    retry.add(commit);
                } else if (wave.putIfAbsent(commit.streamKey(), commit) != null) {
                    later.add(commit);
                }
            }
            Map<PendingCommit, List<CompletableFuture<Void>>> sent = new LinkedHashMap<>();
            for (PendingCommit commit : wave.values()) {
                sent.put(commit, commit.events().stream()
                        .map(event -> publisher.send(event.kafkaTopic(), event.key(), event.json(), commit.traceparent()))
                        .toList());
            }
            for (Map.Entry<PendingCommit, List<CompletableFuture<Void>>> entry : sent.entrySet()) {
                Throwable failure = firstFailure(entry.getValue());
                PendingCommit commit = entry.getKey();
                if (failure == null) {
                    acknowledged.add(commit.commitId());
                    publishedUpTo.merge(commit.streamKey(), commit.seq(), Math::max);
                    events += commit.events().size();
                } else if (neverPublishable(failure)) {
                    log.error("commit {} can never be published and is dead-lettered in the store: {}", commit.commitId(),
                            failure.toString());
                    // The dead letter first: should the store fail in between, the commit is still pending and dies again.
                    recordDeadLetter(commit, failure);
                    store.markDeadLettered(commit.commitId(), failure.toString()).block(STORE_TIMEOUT);
                    deadLettered.incrementAndGet();
                } else {
                    retry.add(commit);
                    failedStreams.add(commit.streamKey());
                }
            }
            waiting = later;
        }
        try {
            store.markPublished(acknowledged).block(STORE_TIMEOUT);
        } catch (RuntimeException storeAway) {
            log.warn("marking {} commits published failed, they will be sent again: {}", acknowledged.size(), storeAway.toString());
            return commits;
        }
        published.addAndGet(events);
        retry.sort(Comparator.comparingInt(commits::indexOf));
        return retry;
    }

    private void recordDeadLetter(PendingCommit commit, Throwable failure) {
        if (deadLetters == null || commit.events().isEmpty()) {
            return;
        }
        PendingCommit.OutgoingEvent first = commit.events().get(0);
        EventPeek peek = EventPeek.of(first.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        deadLetters.died(new DeadLetterStore.Death(deadLetterId(commit.commitId()), service, DeadLetter.OUTBOX, first.kafkaTopic(),
                null, null, first.key(), first.eventId(), peek.type(), peek.district(), null, commit.commitId(), failure))
                .block(STORE_TIMEOUT);
    }

    /** The id of the dead letter of a commit the relay could not publish. */
    public static String deadLetterId(String commitId) {
        return "outbox-" + commitId;
    }

    @Override
    public String origin() {
        return DeadLetter.OUTBOX;
    }

    /**
     * Publishes a dead-lettered commit's events once more, at a coordinator's request, waiting for Kafka's answer.
     * Its stream's later commits went on meanwhile: readers that keep a stream's last sequence ignore it, the others
     * take it by its event ids.
     *
     * @return null once Kafka acknowledged every event, else why it refused
     */
    @Override
    public Throwable replay(DeadLetterStore.Entry deadLetter) {
        PendingCommit commit = store.commit(deadLetter.commitId()).block(STORE_TIMEOUT);
        if (commit == null) {
            return new IllegalStateException("commit " + deadLetter.commitId() + " is not in the store");
        }
        List<CompletableFuture<Void>> acknowledgements = commit.events().stream()
                .map(event -> publisher.send(event.kafkaTopic(), event.key(), event.json(), commit.traceparent()))
                .toList();
        try {
            for (CompletableFuture<Void> acknowledgement : acknowledgements) {
                acknowledgement.get(STORE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
        published.addAndGet(commit.events().size());
        return null;
    }

    private static Throwable firstFailure(List<CompletableFuture<Void>> acknowledgements) throws InterruptedException {
        for (CompletableFuture<Void> acknowledgement : acknowledgements) {
            try {
                acknowledgement.get();
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
        return null;
    }

    /** Failures of the record itself, which no retry cures; everything else (the broker away) is retried. */
    private static boolean neverPublishable(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidTopicException || failure instanceof SerializationException
                || failure instanceof InvalidRecordException;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
