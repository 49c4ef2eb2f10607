package io.jiebang.console.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.jiebang.console.application.SignedOutTokens;
import io.jiebang.console.security.LocalLogin;
import io.jiebang.platform.security.RevokedTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Repository;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Signed-out token ids ({@code jti}) until they would have expired, in the console's store, and in memory for the
 * check on every request. Each instance reads the store every {@link #REFRESH}, so a token signed out on one
 * instance is refused by the others within that time; the instance that signed it out refuses it at once.
 */
@Repository
@LocalLogin
public class MongoSignedOutTokens implements SignedOutTokens, RevokedTokens, DisposableBean {

    static final Duration REFRESH = Duration.ofSeconds(2);

    private final MongoCollection<Document> signedOut;
    private static final String USER = "user:";

    private final Map<String, Instant> known = new ConcurrentHashMap<>();
    /** Users whose tokens issued before the instant are signed out, by username. */
    private final Map<String, Instant> usersSince = new ConcurrentHashMap<>();
    private final Duration tokenLifetime;
    private final Clock clock = Clock.systemUTC();
    private final Disposable refreshing;

    public MongoSignedOutTokens(ReactiveMongoDatabaseFactory databases,
                                @Value("${jiebang.auth.token-lifetime:PT8H}") Duration tokenLifetime) {
        this.tokenLifetime = tokenLifetime;
        this.signedOut = databases.getMongoDatabase().block(Duration.ofSeconds(30)).getCollection("signed_out_tokens");
        refresh().block(Duration.ofSeconds(30));
        this.refreshing = Flux.interval(REFRESH, REFRESH).concatMap(tick -> refresh().onErrorResume(e -> Mono.empty())).subscribe();
    }

    @Override
    public Mono<Void> signOut(String tokenId, Instant expiresAt) {
        known.put(tokenId, expiresAt);
        return Mono.from(signedOut.replaceOne(Filters.eq("_id", tokenId),
                new Document("_id", tokenId).append("until", Date.from(expiresAt)), new ReplaceOptions().upsert(true))).then();
    }

    /** Kept until every token issued before {@code since} has expired; a later sign-out of the user wins. */
    @Override
    public Mono<Void> signOutUser(String username, Instant since) {
        usersSince.merge(username, since, (a, b) -> a.isAfter(b) ? a : b);
        return Mono.from(signedOut.updateOne(Filters.eq("_id", USER + username),
                Updates.combine(Updates.max("since", Date.from(since)), Updates.max("until", Date.from(since.plus(tokenLifetime)))),
                new UpdateOptions().upsert(true))).then();
    }

    @Override
    public boolean isRevoked(Jwt token) {
        if (token.getId() != null && known.containsKey(token.getId())) {
            return true;
        }
        Instant since = token.getSubject() == null ? null : usersSince.get(token.getSubject());
        return since != null && token.getIssuedAt() != null && !token.getIssuedAt().isAfter(since);
    }

    /** Learns what other instances signed out, and forgets what has expired anyway (the collection stays small). */
    private Mono<Void> refresh() {
        Date now = Date.from(clock.instant());
        known.values().removeIf(until -> until.isBefore(clock.instant()));
        usersSince.values().removeIf(since -> since.plus(tokenLifetime).isBefore(clock.instant()));
        return Mono.from(signedOut.deleteMany(Filters.lt("until", now)))
                .thenMany(Flux.from(signedOut.find(Filters.gte("until", now))))
                .doOnNext(doc -> {
                    String id = doc.getString("_id");
                    if (id.startsWith(USER)) {
                        usersSince.merge(id.substring(USER.length()), doc.getDate("since").toInstant(), (a, b) -> a.isAfter(b) ? a : b);
                    } else {
                        known.put(id, doc.getDate("until").toInstant());
                    }
                })
                .then();
    }

    @Override
    public void destroy() {
        refreshing.dispose();
    }
}
