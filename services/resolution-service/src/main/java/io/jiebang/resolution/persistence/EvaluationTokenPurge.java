package io.jiebang.resolution.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.resolution.application.ResolutionUseCases;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Purges evaluation tokens stored in plain text before only hashes were kept: the answers stored with the commits
 * that issued links (kept for an idempotent repeat) held every token and its URL, and a link document may hold its
 * token. At start, each such token is replaced by its SHA-256 (the link's {@code _id}), once: the purge is recorded
 * in {@code migrations} and, were it run again, finds nothing left to change.
 */
@Component
public class EvaluationTokenPurge implements ApplicationRunner {

    public static final String MIGRATION = "evaluation-tokens-hashed";

    private static final Logger log = LoggerFactory.getLogger(EvaluationTokenPurge.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> links;
    private final MongoCollection<Document> migrations;

    public EvaluationTokenPurge(ReactiveMongoDatabaseFactory databases) {
        MongoDatabase database = databases.getMongoDatabase().block(Duration.ofSeconds(30));
        this.commits = database.getCollection(MongoEventStore.COLLECTION);
        this.links = database.getCollection("evaluation_links");
        this.migrations = database.getCollection("migrations");
    }

    /** What a purge changed. */
    public record Purged(long answers, long links) {
    }

    @Override
    public void run(ApplicationArguments args) {
        Purged purged = Mono.from(migrations.find(Filters.eq("_id", MIGRATION)).first())
                .map(done -> new Purged(0, 0))
                .switchIfEmpty(Mono.defer(() -> purge().flatMap(result -> Mono.from(migrations.insertOne(
                                new Document("_id", MIGRATION).append("at", new Date())
                                        .append("answers", result.answers()).append("links", result.links())))
                        .onErrorResume(e -> Mono.empty()) // another instance recorded it first
                        .thenReturn(result))))
                .block(Duration.ofMinutes(5));
        if (purged != null && (purged.answers() > 0 || purged.links() > 0)) {
            log.info("Replaced plain evaluation tokens by their hashes in {} stored answers and {} links",
                    purged.answers(), purged.links());
        }
    }

    /** Replaces every plain token still stored by its hash. Idempotent. */
    public Mono<Purged> purge() {
        return purgeAnswers().zipWith(purgeLinks(), Purged::new);
    }

    private Mono<Long> purgeAnswers() {
        String issued = "EvaluationLinksIssued";
        return Flux.from(commits.find(Filters.and(Filters.eq("events.type", issued), Filters.exists("answer.body")))
                        .projection(Projections.include("answer")))
                .concatMap(commit -> {
                    String body = commit.get("answer", Document.class).getString("body");
                    String hashed = withoutTokens(body);
                    if (hashed.equals(body)) {
                        return Mono.<Long>empty();
                    }
                    return Mono.from(commits.updateOne(Filters.eq("_id", commit.get("_id")), Updates.set("answer.body", hashed)))
                            .thenReturn(1L);
                })
                .count();
    }

    /** The answer with each link's token (and the URL that contains it) replaced by the token's hash. */
    static String withoutTokens(String body) {
        if (body == null || !body.contains("\"token\"")) {
            return body;
        }
        JsonNode answer = JSON.readTree(body);
        if (!(answer instanceof ObjectNode object) || !(answer.get("links") instanceof ArrayNode linkArray)) {
            return body;
        }
        ArrayNode hashed = JSON.createArrayNode();
        for (JsonNode link : linkArray) {
            JsonNode token = link.get("token");
            if (token != null && token.isString()) {
                hashed.add(JSON.createObjectNode().put("tokenHash", ResolutionUseCases.hash(token.asString())));
            } else {
                hashed.add(link);
            }
        }
        object.set("links", hashed);
        object.put("tokensShown", false);
        return JSON.writeValueAsString(object);
    }

    /** A link document that holds its token (or its URL): kept under the token's hash only. */
    private Mono<Long> purgeLinks() {
        return Flux.from(links.find(Filters.or(Filters.exists("token"), Filters.exists("url"))))
                .concatMap(doc -> {
                    String token = doc.getString("token");
                    String hash = token == null ? doc.getString("_id") : ResolutionUseCases.hash(token);
                    if (hash.equals(doc.getString("_id"))) {
                        return Mono.from(links.updateOne(Filters.eq("_id", hash),
                                Updates.combine(Updates.unset("token"), Updates.unset("url")))).thenReturn(1L);
                    }
                    Document rekeyed = new Document(doc);
                    rekeyed.remove("token");
                    rekeyed.remove("url");
                    rekeyed.put("_id", hash);
                    return Mono.from(links.insertOne(rekeyed))
                            .onErrorResume(e -> Mono.empty()) // already re-keyed by an earlier, interrupted purge
                            .then(Mono.from(links.deleteOne(Filters.eq("_id", doc.get("_id")))))
                            .thenReturn(1L);
                })
                .count();
    }
}
