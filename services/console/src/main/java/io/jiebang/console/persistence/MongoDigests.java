package io.jiebang.console.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.jiebang.console.application.Digests;
import io.jiebang.console.readmodel.DigestView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The digests in the console's store ({@code digests}), one document per reporting period:
 * {@code _id = <batchId>:<period>}, {@code batchId}, {@code period}, {@code periodStart}, {@code periodEnd}, and the
 * parts {@code dispatch} and {@code leaderboard} as the views hold them.
 * <p>A part is written with an upsert by {@code _id} that matches only a document without that part: it inserts the
 * digest when there is none, adds the part to one that lacks it, and otherwise finds nothing to update and, as an
 * upsert, fails on the duplicate {@code _id}, which here means: recorded already. Two instances adding the two parts
 * of a new digest at once may both try to insert it; the loser's duplicate is then the other part's document, so it
 * tries once more, now as an update.
 */
@Repository
public class MongoDigests implements Digests {

    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final MongoCollection<Document> digests;

    public MongoDigests(ReactiveMongoDatabaseFactory databases) {
        this.digests = databases.getMongoDatabase().block(Duration.ofSeconds(30)).getCollection("digests");
        Mono.from(digests.createIndexes(List.of(new IndexModel(Indexes.ascending("batchId", "period")))))
                .then().block(Duration.ofSeconds(30));
    }

    @Override
    public Mono<Boolean> record(DigestView part) {
        return write(part, true).onErrorResume(MongoDigests::duplicate, e -> write(part, false).onErrorResume(
                MongoDigests::duplicate, again -> Mono.just(false)));
    }

    private Mono<Boolean> write(DigestView part, boolean insert) {
        String name = part.dispatch() != null ? "dispatch" : "leaderboard";
        Object value = part.dispatch() != null ? part.dispatch() : part.leaderboard();
        List<Bson> changes = new ArrayList<>(List.of(Updates.setOnInsert("batchId", part.batchId()),
                Updates.setOnInsert("period", part.period()), Updates.set(name, toDocument(value))));
        // Both parts bring the period's end: the first one's stays. Only dispatch's brings its start.
        if (part.periodEnd() != null) {
            changes.add(Updates.setOnInsert("periodEnd", Date.from(part.periodEnd())));
        }
        if (part.periodStart() != null) {
            changes.add(Updates.set("periodStart", Date.from(part.periodStart())));
        }
        Bson filter = Filters.and(Filters.eq("_id", part.id()), Filters.exists(name, false));
        return Mono.from(digests.updateOne(filter, Updates.combine(changes), new UpdateOptions().upsert(insert)))
                .map(result -> result.getModifiedCount() > 0 || result.getUpsertedId() != null);
    }

    private static boolean duplicate(Throwable e) {
        return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    @Override
    public Flux<DigestView> digests(String batchId) {
        return Flux.from(digests.find(Filters.eq("batchId", batchId)).sort(Sorts.descending("period"))).map(MongoDigests::view);
    }

    @Override
    public Mono<DigestView> digest(String batchId, int period) {
        return Mono.from(digests.find(Filters.eq("_id", DigestView.id(batchId, period))).first()).map(MongoDigests::view);
    }

    private static DigestView view(Document doc) {
        Date start = doc.getDate("periodStart");
        Date end = doc.getDate("periodEnd");
        Document dispatch = doc.get("dispatch", Document.class);
        Document leaderboard = doc.get("leaderboard", Document.class);
        return new DigestView(doc.getString("batchId"), doc.get("period", Number.class).intValue(),
                start == null ? null : start.toInstant(), end == null ? null : end.toInstant(),
                dispatch == null ? null : JSON.convertValue(dispatch, DigestView.Dispatch.class),
                leaderboard == null ? null : JSON.convertValue(leaderboard, DigestView.Leaderboard.class));
    }

    @SuppressWarnings("unchecked")
    private static Document toDocument(Object part) {
        return new Document(JSON.convertValue(part, Map.class));
    }
}
