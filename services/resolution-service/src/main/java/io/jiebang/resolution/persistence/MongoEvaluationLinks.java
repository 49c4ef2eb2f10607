package io.jiebang.resolution.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.jiebang.resolution.application.EvaluationLinks;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Evaluation links by the SHA-256 of their token, looked up by {@code _id} alone. */
@Repository
public class MongoEvaluationLinks implements EvaluationLinks {

    private final MongoCollection<Document> links;

    public MongoEvaluationLinks(ReactiveMongoDatabaseFactory databases) {
        this.links = databases.getMongoDatabase().block(Duration.ofSeconds(30)).getCollection("evaluation_links");
    }

    @Override
    public Mono<Void> store(List<Link> batch) {
        List<Document> documents = batch.stream().map(link -> new Document("_id", link.tokenHash())
                .append("topicId", link.topicId())
                .append("round", link.round())
                .append("expiresAt", Date.from(link.expiresAt()))).toList();
        return Mono.from(links.insertMany(documents)).then();
    }

    @Override
    public Mono<Link> find(String tokenHash) {
        return Mono.from(links.find(Filters.eq("_id", tokenHash)).first())
                .map(doc -> new Link(doc.getString("_id"), doc.getString("topicId"), doc.getInteger("round"),
                        doc.getDate("expiresAt").toInstant()));
    }
}
