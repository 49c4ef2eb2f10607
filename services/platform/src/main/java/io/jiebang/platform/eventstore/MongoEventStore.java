package io.jiebang.platform.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.jiebang.events.EventCodec;
import io.jiebang.events.KafkaTopics;
import io.jiebang.events.PublicEvents;
import io.jiebang.events.EventEnvelope;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Event streams in one MongoDB collection, one document per commit with {@code _id = <stream>:<seq>}.
 * A commit is a single-document write, so its state change, its events, its idempotency key and its answer
 * are stored atomically without transactions. Two writers of the same stream collide on {@code _id}; a
 * repeated command or event collides on the unique {@code dedupKey}. Reads are by {@code _id} alone, the
 * only lookup the embedded store serves from an index.
 * <p>
 * Streams are cached, bounded by their number of events, and the cache is updated on append: the next
 * command on a stream starts from memory and only a lost race (another instance wrote first) reads back.
 * <p>
 * Each commit names its {@code relayer}, the instance that stored it and publishes it; another instance takes a
 * commit over only when its relayer is gone (see {@link Relayers}), so each commit has one relayer at a time.
 */
public class MongoEventStore {

    public static final String COLLECTION = "commits";
    /** Events kept in memory across all cached streams: tens of MiB, within a 256 MiB heap. */
    private static final long MAX_CACHED_EVENTS = 30_000;
    /** Commits fetched per round trip when a stream is read back. */
    private static final int READ_AHEAD = 16;

    private final MongoCollection<Document> commits;
    private final Cache<String, LoadedStream> cache = Caffeine.newBuilder()
            .maximumWeight(MAX_CACHED_EVENTS)
            .weigher((String key, LoadedStream stream) -> stream.events().size() + 1)
            .build();
    private final AtomicLong lastOrder = new AtomicLong();
    private final String relayer;
    private final java.time.Clock wallClock;
    private volatile Supplier<String> traceContext = () -> null;

    public MongoEventStore(MongoDatabase database, String relayer) {
        this(database, relayer, java.time.Clock.systemUTC());
    }

    /**
     * @param wallClock this process's clock, for each commit's {@code order} (how old a waiting commit is, and which
     *                  waits longest); never for a stream's order, which is its sequence, as instances' clocks drift
     */
    public MongoEventStore(MongoDatabase database, String relayer, java.time.Clock wallClock) {
        this.commits = database.getCollection(COLLECTION);
        this.relayer = relayer;
        this.wallClock = wallClock;
    }

    /** Where each commit's trace context comes from (the current span's W3C traceparent), kept for the relay. */
    public void recordTraceContext(Supplier<String> current) {
        this.traceContext = current;
    }

    /** The indexes real MongoDB needs for the few queries that are not by {@code _id}. */
    public Mono<Void> createIndexes() {
        return Flux.from(commits.createIndexes(List.of(
                        new IndexModel(Indexes.ascending("dedupKey"), new IndexOptions().unique(true).sparse(true)
                                .name("dedupKey_unique")),
                        new IndexModel(Indexes.ascending("published", "relayer", "order"), new IndexOptions().name("pending_by_relayer")),
                        new IndexModel(Indexes.ascending("streamType", "seq"), new IndexOptions().name("streams")))))
                .then();
    }

    /** The stream as stored now: the cached part plus whatever was committed since (read by {@code _id}). */
    public Mono<LoadedStream> load(String streamKey) {
        LoadedStream cached = cache.getIfPresent(streamKey);
        return readFrom(cached == null ? new LoadedStream(streamKey, 0, List.of()) : cached).doOnNext(this::remember);
    }

    /**
     * The stream as this process last saw it, without a round trip when cached. Good for deciding a command:
     * if another instance committed since, the append collides and the command loads and decides again.
     */
    public Mono<LoadedStream> loadCached(String streamKey) {
        LoadedStream cached = cache.getIfPresent(streamKey);
        return cached != null ? Mono.just(cached) : load(streamKey);
    }

    private Mono<LoadedStream> readFrom(LoadedStream known) {
        List<String> next = LongStream.rangeClosed(known.version() + 1, known.version() + READ_AHEAD)
                .mapToObj(seq -> commitId(known.key(), seq)).toList();
        return Flux.from(commits.find(Filters.in("_id", next)))
                .collectSortedList(Comparator.comparingLong(doc -> doc.get("seq", Number.class).longValue()))
                .flatMap(docs -> {
                    List<EventEnvelope> events = new ArrayList<>(known.events());
                    long version = known.version();
                    for (Document doc : docs) {
                        if (doc.get("seq", Number.class).longValue() != version + 1) {
                            break;
                        }
                        version++;
                        for (Document event : doc.getList("events", Document.class)) {
                            EventCodec.decode(event.getString("json")).ifPresent(events::add);
                        }
                    }
                    LoadedStream read = new LoadedStream(known.key(), version, List.copyOf(events));
                    return version == known.version() + READ_AHEAD ? readFrom(read) : Mono.just(read);
                });
    }

    private void remember(LoadedStream stream) {
        cache.asMap().merge(stream.key(), stream, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    /**
     * Stores a commit.
     *
     * @return the events to publish, or an error {@link DuplicateCommitException} when the sequence or the
     *         dedup key is taken
     */
    public Mono<PendingCommit> append(NewCommit commit) {
        List<Document> events = new ArrayList<>();
        commit.external().forEach(e -> events.add(eventDocument(e, true)));
        commit.own().forEach(e -> events.add(eventDocument(e, false)));
        List<Document> publicCopies = new ArrayList<>();
        commit.own().forEach(e -> PublicEvents.publicCopy(e).ifPresent(copy -> publicCopies.add(publicCopyDocument(copy))));
        Document doc = new Document("_id", commitId(commit.streamKey(), commit.seq()))
                .append("stream", commit.streamKey())
                .append("streamType", commit.streamType())
                .append("seq", commit.seq())
                .append("order", nextOrder())
                .append("recordedAt", new Date())
                .append("published", commit.own().isEmpty())
                .append("relayer", relayer)
                .append("events", events);
        if (!publicCopies.isEmpty()) {
            doc.append("publicCopies", publicCopies);
        }
        if (commit.dedupKey() != null) {
            doc.append("dedupKey", commit.dedupKey());
        }
        if (commit.fingerprint() != null) {
            doc.append("fingerprint", commit.fingerprint());
        }
        String traceparent = traceContext.get();
        if (traceparent != null) {
            doc.append("traceparent", traceparent);
        }
        if (commit.answer() != null) {
            doc.append("answer", new Document("status", commit.answer().status())
                    .append("location", commit.answer().location())
                    .append("body", commit.answer().body()));
        }
        return Mono.from(commits.insertOne(doc))
                .onErrorMap(MongoEventStore::isDuplicateKey,
                        e -> new DuplicateCommitException("commit " + doc.getString("_id") + " collides", e))
                .then(Mono.fromSupplier(() -> {
                    appended(commit);
                    return pendingCommit(doc);
                }));
    }

    private void appended(NewCommit commit) {
        cache.asMap().computeIfPresent(commit.streamKey(), (key, cached) -> {
            if (cached.version() != commit.seq() - 1) {
                return null;
            }
            List<EventEnvelope> events = new ArrayList<>(cached.events());
            events.addAll(commit.external());
            events.addAll(commit.own());
            return new LoadedStream(key, commit.seq(), List.copyOf(events));
        });
    }

    /** The answer stored with the commit that used this dedup key, if any. */
    public Mono<StoredAnswer> answerFor(String dedupKey) {
        return Mono.from(commits.find(Filters.eq("dedupKey", dedupKey))
                        .projection(Projections.include("answer", "fingerprint")).first())
                .map(doc -> {
                    Document answer = doc.get("answer", Document.class);
                    Answer stored = answer == null ? null : new Answer(answer.getInteger("status"),
                            answer.getString("location"), answer.getString("body"));
                    return new StoredAnswer(stored, doc.getString("fingerprint"));
                });
    }

    /** The ids of every stream of a type (e.g. every topic this service knows). */
    public Flux<String> streamIds(StreamType<?> type) {
        String prefix = type.name() + ":";
        return Flux.from(commits.find(Filters.and(Filters.eq("streamType", type.name()), Filters.eq("seq", 1L)))
                        .projection(Projections.include("stream")))
                .map(doc -> doc.getString("stream").substring(prefix.length()));
    }

    /**
     * This instance's commits with events not yet acknowledged by Kafka, oldest first by the wall clock of the
     * instance that stored each: across instances only roughly, so the relay orders each stream by its sequence.
     */
    public Flux<PendingCommit> pending(int limit) {
        return Flux.from(commits.find(Filters.and(Filters.eq("published", false), Filters.eq("relayer", relayer)))
                        .sort(Sorts.ascending("order")).limit(limit))
                .map(MongoEventStore::pendingCommit);
    }

    /**
     * Takes over the unpublished commits of every relayer not in {@code alive} (and of commits stored before
     * relayers were named). Each document's filter is checked as it is written, so two instances adopting at
     * once never both take the same commit.
     */
    public Mono<Long> adoptAllBut(java.util.Set<String> alive) {
        return Mono.from(commits.updateMany(Filters.and(Filters.eq("published", false), Filters.nin("relayer", alive)),
                Updates.set("relayer", relayer))).map(result -> result.getModifiedCount());
    }

    /** Takes over the unpublished commits of one relayer that is gone. */
    public Mono<Long> adopt(String goneRelayer) {
        return Mono.from(commits.updateMany(Filters.and(Filters.eq("published", false), Filters.eq("relayer", goneRelayer)),
                Updates.set("relayer", relayer))).map(result -> result.getModifiedCount());
    }

    /** A commit's own events, then their public copies: all of them published before the commit counts as published. */
    private static PendingCommit pendingCommit(Document doc) {
        return new PendingCommit(doc.getString("_id"), java.util.stream.Stream.concat(
                        doc.getList("events", Document.class).stream().filter(e -> !e.getBoolean("external", false)),
                        doc.getList("publicCopies", Document.class, List.of()).stream())
                .map(e -> new PendingCommit.OutgoingEvent(e.getString("eventId"), e.getString("kafkaTopic"),
                        e.getString("key"), e.getString("json")))
                .toList(), doc.getString("traceparent"));
    }

    /** One stored commit's own events, e.g. a dead-lettered one to publish again; empty when there is no such commit. */
    public Mono<PendingCommit> commit(String commitId) {
        return Mono.from(commits.find(Filters.eq("_id", commitId)).first()).map(MongoEventStore::pendingCommit);
    }

    /** Those of the given commits not yet published (by whichever instance relays them). */
    public Mono<java.util.Set<String>> unpublished(java.util.Collection<String> commitIds) {
        if (commitIds.isEmpty()) {
            return Mono.just(java.util.Set.of());
        }
        return Flux.from(commits.find(Filters.and(Filters.in("_id", commitIds), Filters.eq("published", false)))
                        .projection(Projections.include("_id")))
                .map(doc -> doc.getString("_id"))
                .collect(java.util.HashSet<String>::new, java.util.Set::add);
    }

    /** Marks commits whose events Kafka acknowledged, in one write. */
    public Mono<Void> markPublished(List<String> commitIds) {
        if (commitIds.isEmpty()) {
            return Mono.empty();
        }
        return Mono.from(commits.updateMany(Filters.in("_id", commitIds), Updates.set("published", true))).then();
    }

    /**
     * Takes a commit Kafka will never accept (too large, say) out of the outbox, keeping why, so it cannot
     * hold up the others. Found again with {@code find({deadLetter: {$exists: true}})}.
     */
    public Mono<Void> markDeadLettered(String commitId, String reason) {
        return Mono.from(commits.updateOne(Filters.eq("_id", commitId), Updates.combine(Updates.set("published", true),
                Updates.set("deadLetter", new Document("reason", reason).append("at", new Date()))))).then();
    }

    /** Whether nothing was ever stored: a service started from scratch. */
    public Mono<Boolean> isEmpty() {
        return Mono.from(commits.find().limit(1).first()).map(doc -> false).defaultIfEmpty(true);
    }

    private static Document eventDocument(EventEnvelope envelope, boolean external) {
        return new Document("eventId", envelope.eventId())
                .append("type", envelope.type())
                .append("kafkaTopic", envelope.kafkaTopic())
                .append("key", envelope.aggregateId())
                .append("external", external)
                .append("json", EventCodec.encodeToString(envelope));
    }

    /** Kept beside the events, not among them: the public copies are published, never read back into a stream. */
    private static Document publicCopyDocument(EventEnvelope copy) {
        return new Document("eventId", copy.eventId())
                .append("kafkaTopic", KafkaTopics.publicTopic(copy.kafkaTopic()))
                .append("key", copy.aggregateId())
                .append("json", EventCodec.encodeToString(copy));
    }

    private static String commitId(String streamKey, long seq) {
        return streamKey + ":" + seq;
    }

    /**
     * Strictly increasing across the process, close to wall-clock microseconds across restarts; across instances only
     * as close as their clocks, so nothing's correctness rests on it.
     */
    private long nextOrder() {
        long now = wallClock.millis() * 1000;
        return lastOrder.updateAndGet(last -> Math.max(last + 1, now));
    }

    private static boolean isDuplicateKey(Throwable e) {
        return e instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
