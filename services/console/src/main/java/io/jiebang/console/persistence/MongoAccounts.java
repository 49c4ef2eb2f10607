package io.jiebang.console.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.jiebang.console.application.Accounts;
import io.jiebang.events.directory.StaffCredentialsReset;
import io.jiebang.events.directory.StaffDeactivated;
import io.jiebang.events.directory.StaffEvent;
import io.jiebang.events.directory.StaffInvited;
import io.jiebang.events.directory.StaffMoved;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Local accounts by username (the {@code users} collection): the password only as a BCrypt hash, an activation
 * code only as its SHA-256, and the sequence of the last staff event applied ({@code sequence}).
 */
@Repository
public class MongoAccounts implements Accounts {

    private final MongoCollection<Document> users;

    public MongoAccounts(ReactiveMongoDatabaseFactory databases) {
        this.users = databases.getMongoDatabase().block(Duration.ofSeconds(30)).getCollection("users");
    }

    @Override
    public Mono<Account> find(String username) {
        return Mono.from(users.find(Filters.eq("_id", username)).first()).map(MongoAccounts::account);
    }

    /** The directory is small (a district's staff): read whole, without an index. */
    @Override
    public Flux<Account> all() {
        return Flux.from(users.find()).map(MongoAccounts::account)
                .sort(java.util.Comparator.comparing(Account::username));
    }

    @Override
    public Mono<Void> addIfAbsent(Account account) {
        return insertIfAbsent(account).then();
    }

    @Override
    public Mono<Void> seedDemo(Account account) {
        return insertIfAbsent(account).flatMap(inserted -> inserted ? Mono.empty()
                : Mono.from(users.updateOne(Filters.and(Filters.eq("_id", account.username()), Filters.exists("passwordHash", false),
                        Filters.exists("activationHash", false), Filters.ne("deactivated", true)),
                        Updates.combine(Updates.set("passwordHash", account.passwordHash()), Updates.set("demo", true)))).then());
    }

    @Override
    public Mono<Void> apply(long sequence, String district, StaffEvent event) {
        Bson notYet = Filters.and(Filters.eq("_id", event.username()),
                Filters.or(Filters.exists("sequence", false), Filters.lt("sequence", sequence)));
        Bson applied = Updates.set("sequence", sequence);
        if (event instanceof StaffInvited invited) {
            List<Bson> changes = new java.util.ArrayList<>(List.of(applied, Updates.set("displayName", invited.displayName()),
                    Updates.set("orgId", invited.orgId()), Updates.set("roles", List.of(invited.role().name())),
                    Updates.set("district", district),
                    Updates.setOnInsert("demo", false)));
            if (invited.activationCodeHash() != null) {
                changes.add(Updates.set("activationHash", invited.activationCodeHash()));
                changes.add(Updates.set("activationExpires", Date.from(invited.activationExpiresAt())));
            }
            // Upserted: a second delivery finds the sequence applied, misses the filter, and its insert is refused.
            return Mono.from(users.updateOne(notYet, Updates.combine(changes), new UpdateOptions().upsert(true)))
                    .onErrorResume(MongoAccounts::duplicate, e -> Mono.empty()).then();
        }
        Bson change;
        if (event instanceof StaffCredentialsReset reset) {
            change = Updates.combine(applied, Updates.unset("passwordHash"), Updates.set("activationHash", reset.activationCodeHash()),
                    Updates.set("activationExpires", Date.from(reset.activationExpiresAt())));
        } else if (event instanceof StaffMoved moved) {
            change = Updates.combine(applied, Updates.set("orgId", moved.orgId()));
        } else if (event instanceof StaffDeactivated) {
            change = Updates.combine(applied, Updates.set("deactivated", true), Updates.unset("activationHash"));
        } else {
            return Mono.empty();
        }
        return Mono.from(users.updateOne(notYet, change)).then();
    }

    @Override
    public Mono<Boolean> activate(String username, String codeHash, String passwordHash, Instant now) {
        return Mono.from(users.updateOne(Filters.and(Filters.eq("_id", username), Filters.eq("activationHash", codeHash),
                                Filters.gt("activationExpires", Date.from(now)), Filters.ne("deactivated", true)),
                        Updates.combine(Updates.set("passwordHash", passwordHash), Updates.unset("activationHash"),
                                Updates.unset("activationExpires"))))
                .map(result -> result.getModifiedCount() == 1);
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

    private Mono<Boolean> insertIfAbsent(Account account) {
        Document doc = new Document("_id", account.username())
                .append("passwordHash", account.passwordHash())
                .append("orgId", account.orgId())
                .append("roles", account.roles())
                .append("displayName", account.displayName())
                .append("demo", account.demo())
                .append("district", account.district());
        return Mono.from(users.insertOne(doc)).thenReturn(true)
                .onErrorResume(MongoAccounts::duplicate, e -> Mono.just(false));
    }

    private static boolean duplicate(Throwable e) {
        return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    private static Account account(Document doc) {
        return new Account(doc.getString("_id"), doc.getString("passwordHash"), doc.getString("orgId"),
                doc.getList("roles", String.class), doc.getString("displayName"), doc.getBoolean("demo", false),
                doc.getBoolean("deactivated", false), doc.containsKey("sequence"), doc.getString("district"));
    }
}
