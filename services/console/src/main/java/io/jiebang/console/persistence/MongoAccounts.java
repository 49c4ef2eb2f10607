package io.jiebang.console.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.jiebang.console.application.Accounts;
import java.time.Duration;
import org.bson.Document;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Local accounts by username; the password only as a BCrypt hash. */
@Repository
public class MongoAccounts implements Accounts {

    private final MongoCollection<Document> users;

    public MongoAccounts(ReactiveMongoDatabaseFactory databases) {
        this.users = databases.getMongoDatabase().block(Duration.ofSeconds(30)).getCollection("users");
    }

    @Override
    public Mono<Account> find(String username) {
        return Mono.from(users.find(Filters.eq("_id", username)).first())
                .map(doc -> new Account(doc.getString("_id"), doc.getString("passwordHash"), doc.getString("orgId"),
                        doc.getList("roles", String.class), doc.getString("displayName"), doc.getBoolean("demo", false)));
    }

    @Override
    public Mono<Void> addIfAbsent(Account account) {
        Document doc = new Document("_id", account.username())
                .append("passwordHash", account.passwordHash())
                .append("orgId", account.orgId())
                .append("roles", account.roles())
                .append("displayName", account.displayName())
                .append("demo", account.demo());
        return Mono.from(users.insertOne(doc))
                .onErrorResume(e -> e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY,
                        e -> Mono.empty())
                .then();
    }

    /** Read once at start: the directory is small, and real MongoDB needs no index for it. */
    @Override
    public Mono<Long> countDemo() {
        return Mono.from(users.countDocuments(Filters.eq("demo", true)));
    }

    @Override
    public Mono<Long> count() {
        return Mono.from(users.countDocuments());
    }
}
