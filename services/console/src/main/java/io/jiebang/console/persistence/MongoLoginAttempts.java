package io.jiebang.console.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.jiebang.console.application.LoginAttempts;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Failed logins by key ({@code _id}): a count and the start of its window. Read and written by {@code _id} only. */
@Repository
public class MongoLoginAttempts implements LoginAttempts {

    private final MongoCollection<Document> failures;

    public MongoLoginAttempts(ReactiveMongoDatabaseFactory databases) {
        this.failures = databases.getMongoDatabase().block(Duration.ofSeconds(30)).getCollection("login_failures");
    }

    @Override
    public Mono<List<Failures>> read(List<String> keys, Instant notBefore) {
        return Flux.from(failures.find(Filters.in("_id", keys)))
                .map(doc -> new Failures(doc.getString("_id"), doc.getInteger("count", 0), doc.getDate("since").toInstant()))
                .filter(f -> f.since().isAfter(notBefore))
                .collectList();
    }

    @Override
    public Mono<Void> failed(List<String> keys, Instant now, Duration window) {
        return read(keys, now.minus(window)).flatMap(open -> Flux.fromIterable(keys).concatMap(key -> open.stream()
                .anyMatch(f -> f.key().equals(key))
                ? Mono.from(failures.updateOne(Filters.eq("_id", key), Updates.inc("count", 1)))
                // No window open under this key: this failure opens one. (Two instances opening one at once count one.)
                : Mono.from(failures.replaceOne(Filters.eq("_id", key),
                        new Document("_id", key).append("count", 1).append("since", Date.from(now)), new ReplaceOptions().upsert(true))))
                .then());
    }

    @Override
    public Mono<Void> forget(String key) {
        return Mono.from(failures.deleteOne(Filters.eq("_id", key))).then();
    }
}
