package io.jiebang.platform.eventstore;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * How far the outbox relay is behind: the commits in the store whose events Kafka has not acknowledged, and
 * when the oldest of them was stored. Two queries on the {@code pending} index in MongoDB (the embedded store
 * scans instead), so it is asked periodically, never per scrape.
 */
public class OutboxBacklog {

    /** @param oldestRecordedAt when the oldest unpublished commit was stored; empty when none is waiting */
    public record Snapshot(long commits, Optional<Instant> oldestRecordedAt) {
    }

    private final MongoCollection<Document> commits;

    public OutboxBacklog(MongoDatabase database) {
        this.commits = database.getCollection(MongoEventStore.COLLECTION);
    }

    public Mono<Snapshot> snapshot() {
        Mono<Long> count = Mono.from(commits.countDocuments(Filters.eq("published", false)));
        Mono<Optional<Instant>> oldest = Mono.from(commits.find(Filters.eq("published", false))
                        .sort(Sorts.ascending("order")).limit(1).projection(Projections.include("recordedAt")).first())
                .map(doc -> Optional.ofNullable(doc.get("recordedAt", Date.class)).map(Date::toInstant))
                .defaultIfEmpty(Optional.empty());
        return Mono.zip(count, oldest, Snapshot::new);
    }
}
