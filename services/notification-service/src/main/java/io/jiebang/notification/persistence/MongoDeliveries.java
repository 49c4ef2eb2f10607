package io.jiebang.notification.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.jiebang.notification.application.Deliveries;
import io.jiebang.notification.domain.Channel;
import io.jiebang.notification.domain.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deliveries in three collections, each read by {@code _id} but for the small set of those not yet sent:
 * <ul>
 *   <li>{@code deliveries}: each delivery with its notification ({@code _id} = {@code <notificationId>:<CHANNEL>});</li>
 *   <li>{@code due_deliveries}: those not sent, {@code {_id, dueAt, heldUntil}}: due ones at their next attempt,
 *       dead ones with no {@code dueAt} (counted for the gauge); indexed by {@code dueAt} for real MongoDB. A claim
 *       sets {@code heldUntil} in one conditional {@code findOneAndUpdate}, so one instance holds a delivery at a time;
 *       the hold follows the real clock (a send takes real time), the due time the business clock;</li>
 *   <li>{@code delivery_logs}: each recipient's newest delivery ids ({@link NewestEntries}).</li>
 * </ul>
 */
@Repository
public class MongoDeliveries implements Deliveries {

    private static final String DELIVERIES = "deliveries";
    private static final String DUE = "due_deliveries";
    private static final String LOGS = "delivery_logs";
    /** Longer than any attempt takes: the webhook and SMTP timeouts are seconds. */
    private static final Duration HOLD = Duration.ofMinutes(2);
    private static final int LOG_SIZE = 200;
    private static final String DUE_AT = "dueAt";
    private static final String HELD_UNTIL = "heldUntil";
    private static final String CREATED_AT = "createdAt";
    private static final Date NOT_HELD = new Date(0);

    private final MongoCollection<Document> deliveries;
    private final MongoCollection<Document> due;
    private final NewestEntries logs;

    public MongoDeliveries(ReactiveMongoDatabaseFactory databases) {
        MongoDatabase database = MongoDocuments.database(databases);
        this.deliveries = database.getCollection(DELIVERIES);
        this.due = database.getCollection(DUE);
        this.logs = new NewestEntries(database.getCollection(LOGS), CREATED_AT, LOG_SIZE, List.of());
        Mono.from(due.createIndexes(List.of(new IndexModel(Indexes.ascending(DUE_AT), new IndexOptions().name("by_due_time")))))
                .block(Duration.ofSeconds(60));
    }

    @Override
    public Mono<Void> create(Delivery delivery) {
        return Mono.from(deliveries.insertOne(toDocument(delivery)))
                .onErrorResume(MongoDocuments::isDuplicateKey, duplicate -> Mono.empty())
                .then(Mono.from(due.insertOne(dueDocument(delivery)))
                        .onErrorResume(MongoDocuments::isDuplicateKey, duplicate -> Mono.empty()))
                .then(logs.add(delivery.recipient(), new Document(NewestEntries.ID, delivery.id())
                        .append(CREATED_AT, MongoDocuments.date(delivery.createdAt())), null));
    }

    @Override
    public Flux<String> due(Instant now, int limit) {
        return Flux.from(due.find(Filters.and(Filters.lte(DUE_AT, Date.from(now)), Filters.lt(HELD_UNTIL, new Date())))
                        .sort(Sorts.ascending(DUE_AT)).limit(limit).projection(Projections.include("_id")))
                .map(entry -> entry.getString("_id"));
    }

    @Override
    public Mono<Delivery> claim(String id, Instant now) {
        Date realNow = new Date();
        return Mono.from(due.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", id), Filters.lte(DUE_AT, Date.from(now)), Filters.lt(HELD_UNTIL, realNow)),
                        Updates.set(HELD_UNTIL, Date.from(realNow.toInstant().plus(HOLD)))))
                .flatMap(held -> find(id));
    }

    @Override
    public Mono<Delivery> find(String id) {
        return Mono.from(deliveries.find(Filters.eq("_id", id)).first()).map(MongoDeliveries::toDelivery);
    }

    @Override
    public Mono<Void> save(Delivery delivery) {
        Mono<?> released = delivery.status() == Delivery.Status.SENT
                ? Mono.from(due.deleteOne(Filters.eq("_id", delivery.id())))
                : Mono.from(due.replaceOne(Filters.eq("_id", delivery.id()), dueDocument(delivery), new ReplaceOptions().upsert(true)));
        return Mono.from(deliveries.replaceOne(Filters.eq("_id", delivery.id()), toDocument(delivery), new ReplaceOptions().upsert(true)))
                .then(released)
                .then();
    }

    @Override
    public Flux<Delivery> log(String recipient) {
        return logs.read(recipient)
                .flatMapMany(entries -> {
                    List<String> newestFirst = entries.stream().map(entry -> entry.getString(NewestEntries.ID)).toList();
                    return Flux.from(deliveries.find(Filters.in("_id", newestFirst)))
                            .map(MongoDeliveries::toDelivery)
                            .collectMap(Delivery::id, Function.identity())
                            .flatMapIterable(byId -> newestFirst.stream().filter(byId::containsKey).map(byId::get).toList());
                });
    }

    @Override
    public Mono<Long> countDead() {
        return Mono.from(due.countDocuments(Filters.eq(DUE_AT, null)));
    }

    /** Due at its next attempt and held by nobody; a dead delivery has no due time. */
    private static Document dueDocument(Delivery delivery) {
        return new Document("_id", delivery.id())
                .append(DUE_AT, delivery.isDue() ? MongoDocuments.date(delivery.nextAttemptAt()) : null)
                .append(HELD_UNTIL, NOT_HELD);
    }

    private static Document toDocument(Delivery delivery) {
        return new Document("_id", delivery.id())
                .append("recipient", delivery.recipient())
                .append("channel", delivery.channel().name())
                .append("status", delivery.status().name())
                .append("attempts", delivery.attempts())
                .append("lastError", delivery.lastError())
                .append("nextAttemptAt", MongoDocuments.date(delivery.nextAttemptAt()))
                .append("sentAt", MongoDocuments.date(delivery.sentAt()))
                .append(CREATED_AT, MongoDocuments.date(delivery.createdAt()))
                .append("notification", MongoDocuments.toDocument(delivery.notification()));
    }

    private static Delivery toDelivery(Document stored) {
        return new Delivery(stored.getString("_id"), MongoDocuments.toNotification(stored.get("notification", Document.class)),
                Channel.valueOf(stored.getString("channel")), Delivery.Status.valueOf(stored.getString("status")),
                stored.getInteger("attempts"), stored.getString("lastError"),
                MongoDocuments.instant(stored.getDate("nextAttemptAt")), MongoDocuments.instant(stored.getDate("sentAt")),
                MongoDocuments.instant(stored.getDate(CREATED_AT)));
    }
}
