package io.jiebang.console.persistence;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.jiebang.console.application.AuditTrail;
import io.jiebang.events.EventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import io.jiebang.events.Districts;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The audit trail in the console's {@code audit} collection, {@code _id} = the event id (a login's own id), so a
 * redelivered event is refused as a duplicate. The indexes are for real MongoDB (the embedded store scans).
 */
@Repository
public class MongoAuditTrail implements AuditTrail {

    private final MongoCollection<Document> audit;

    public MongoAuditTrail(ReactiveMongoDatabaseFactory databases) {
        this.audit = databases.getMongoDatabase().block(Duration.ofSeconds(30)).getCollection("audit");
        Mono.from(audit.createIndexes(List.of(new IndexModel(Indexes.descending("at")),
                new IndexModel(Indexes.compoundIndex(Indexes.ascending("user"), Indexes.descending("at"))),
                new IndexModel(Indexes.compoundIndex(Indexes.ascending("subject"), Indexes.descending("at"))),
                new IndexModel(Indexes.compoundIndex(Indexes.ascending("district"), Indexes.descending("at"))))))
                .block(Duration.ofSeconds(30));
    }

    @Override
    public Mono<Void> recordAll(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        List<Document> docs = events.stream().map(event -> document(Entry.of(event))).toList();
        return Mono.from(audit.insertMany(docs, new InsertManyOptions().ordered(false)))
                // A redelivered event is already there: its duplicate is refused and the others stored.
                .onErrorResume(MongoBulkWriteException.class, e -> e.getWriteErrors().stream().allMatch(w -> w.getCode() == 11000)
                        ? Mono.empty() : Mono.error(e))
                .then();
    }

    @Override
    public Mono<Void> record(Entry entry) {
        return Mono.from(audit.insertOne(document(entry))).then();
    }

    @Override
    public Flux<Entry> search(Query query, long skip, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (query.user() != null) {
            filters.add(Filters.eq("user", query.user()));
        }
        if (query.district() != null) {
            // Entries recorded before districts existed have none: they are the first district's.
            filters.add(query.district().equals(Districts.FIRST)
                    ? Filters.or(Filters.eq("district", query.district()), Filters.eq("district", null))
                    : Filters.eq("district", query.district()));
        }
        if (query.orgId() != null) {
            filters.add(Filters.eq("orgId", query.orgId()));
        }
        if (query.action() != null) {
            filters.add(Filters.eq("action", query.action()));
        }
        if (query.subject() != null) {
            filters.add(Filters.eq("subject", query.subject()));
        }
        if (query.from() != null) {
            filters.add(Filters.gte("at", Date.from(query.from())));
        }
        if (query.to() != null) {
            filters.add(Filters.lt("at", Date.from(query.to())));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return Flux.from(audit.find(filter).sort(Sorts.orderBy(Sorts.descending("at"), Sorts.descending("_id")))
                        .skip((int) skip).limit(limit))
                .map(doc -> new Entry(doc.getString("_id"), doc.getDate("at").toInstant(), doc.getString("user"),
                        doc.getString("orgId"), doc.getString("role"), doc.getString("action"), doc.getString("subject"),
                        doc.getString("detail"), doc.getString("district")));
    }

    private static Document document(Entry entry) {
        return new Document("_id", entry.id()).append("at", Date.from(entry.at())).append("user", entry.user())
                .append("orgId", entry.orgId()).append("role", entry.role()).append("action", entry.action())
                .append("subject", entry.subject()).append("detail", entry.detail()).append("district", entry.district());
    }
}
