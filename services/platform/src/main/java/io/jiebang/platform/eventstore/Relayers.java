package io.jiebang.platform.eventstore;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The instances of a service that relay its outbox, each with a heartbeat ({@code relayers}, one document per
 * instance by {@code _id}). An instance whose heartbeat has lapsed is gone: another adopts its unpublished
 * commits, and only one does, since the lapsed entry is taken away by a single atomic delete.
 * <p>
 * Hand-written rather than a lock library's: what is needed is not one holder at a time but every live
 * instance known to the others, and that is one small collection.
 */
public class Relayers {

    public static final String COLLECTION = "relayers";

    private final MongoCollection<Document> relayers;
    private final String self;
    private final Duration lease;

    public Relayers(MongoDatabase database, String self, Duration lease) {
        this.relayers = database.getCollection(COLLECTION);
        this.self = self;
        this.lease = lease;
    }

    public String self() {
        return self;
    }

    /** Says this instance is alive for one more lease, from the real clock (business time may be moved in tests). */
    public Mono<Void> beat() {
        Document doc = new Document("_id", self).append("aliveUntil", Date.from(Instant.now().plus(lease)));
        return Mono.from(relayers.replaceOne(Filters.eq("_id", self), doc, new ReplaceOptions().upsert(true))).then();
    }

    /** The instances whose lease has not lapsed, this one included. */
    public Mono<Set<String>> alive() {
        return Flux.from(relayers.find(Filters.gt("aliveUntil", new Date())).projection(Projections.include("_id")))
                .map(doc -> doc.getString("_id"))
                .collect(HashSet<String>::new, Set::add)
                .map(alive -> {
                    alive.add(self);
                    return alive;
                });
    }

    /** Takes one lapsed instance off the list; the caller, the only one to get it, adopts its commits. */
    public Mono<String> takeLapsed() {
        return Mono.from(relayers.findOneAndDelete(Filters.and(Filters.lt("aliveUntil", new Date()),
                        Filters.ne("_id", self))))
                .map(doc -> doc.getString("_id"));
    }
}
