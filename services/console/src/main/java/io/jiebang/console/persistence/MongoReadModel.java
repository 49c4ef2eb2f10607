package io.jiebang.console.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.jiebang.console.application.ReadModel;
import io.jiebang.console.application.TopicQuery;
import io.jiebang.console.readmodel.BatchView;
import io.jiebang.console.readmodel.CategoryView;
import io.jiebang.console.readmodel.OrgView;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read model in MongoDB: one document per topic, batch, organisation and category. A topic or batch
 * document holds the view as the board shows it ({@code view}, which the filters query) and the events it
 * was folded from ({@code events}, each the event's CloudEvents JSON).
 */
@Repository
public class MongoReadModel implements ReadModel {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final MongoCollection<Document> topics;
    private final MongoCollection<Document> batches;
    private final MongoCollection<Document> orgs;
    private final MongoCollection<Document> categories;

    public MongoReadModel(ReactiveMongoDatabaseFactory databases) {
        MongoDatabase database = databases.getMongoDatabase().block(Duration.ofSeconds(30));
        this.topics = database.getCollection("topics");
        this.batches = database.getCollection("batches");
        this.orgs = database.getCollection("orgs");
        this.categories = database.getCollection("categories");
        Flux.from(topics.createIndexes(List.of(new IndexModel(Indexes.ascending("view.batchId", "view.status")),
                        new IndexModel(Indexes.descending("view.updatedAt")),
                        new IndexModel(Indexes.ascending("view.escalationLevel")))))
                .then().block(Duration.ofSeconds(30));
    }

    @Override
    public Mono<Folded> eventsOf(Kind kind, String id) {
        return Mono.from(collection(kind).find(Filters.eq("_id", id)).first())
                .map(doc -> {
                    List<EventEnvelope> events = new ArrayList<>();
                    for (String json : doc.getList("events", String.class)) {
                        EventCodec.decode(json).ifPresent(events::add);
                    }
                    return new Folded(events, doc.getLong("revision"));
                })
                .defaultIfEmpty(new Folded(List.of(), 0));
    }

    @Override
    public Mono<Boolean> saveTopic(TopicView view, List<EventEnvelope> events, long revision) {
        return saveIfUnchanged(topics, view.id(), revision, new Document("view", toDocument(view)).append("events", json(events)));
    }

    @Override
    public Mono<Boolean> saveBatch(BatchView view, List<EventEnvelope> events, long revision) {
        return saveIfUnchanged(batches, view.id(), revision, new Document("view", toDocument(view)).append("events", json(events)));
    }

    /** A new view is inserted (a duplicate id means another writer was first); an existing one replaced only at its revision. */
    private static Mono<Boolean> saveIfUnchanged(MongoCollection<Document> collection, String id, long revision, Document doc) {
        doc.append("_id", id).append("revision", revision + 1);
        if (revision == 0) {
            return Mono.from(collection.insertOne(doc)).thenReturn(true)
                    .onErrorResume(e -> e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY,
                            e -> Mono.just(false));
        }
        return Mono.from(collection.replaceOne(Filters.and(Filters.eq("_id", id), Filters.eq("revision", revision)), doc))
                .map(result -> result.getModifiedCount() == 1 || result.getMatchedCount() == 1);
    }

    @Override
    public Mono<Void> saveOrg(OrgView org) {
        return replace(orgs, org.id(), new Document("view", toDocument(org)));
    }

    @Override
    public Mono<Void> saveCategory(CategoryView category) {
        return replace(categories, category.code(), new Document("view", toDocument(category)));
    }

    @Override
    public Mono<TopicView> topic(String id) {
        return Mono.from(topics.find(Filters.eq("_id", id)).first()).map(doc -> view(doc, TopicView.class));
    }

    @Override
    public Mono<Page<TopicView>> topics(TopicQuery query) {
        Bson filter = filter(query);
        int size = Math.max(1, Math.min(query.size(), TopicQuery.MAX_SIZE));
        int page = Math.max(0, query.page());
        Mono<Long> total = Mono.from(topics.countDocuments(filter));
        Mono<List<TopicView>> items = Flux.from(topics.find(filter).sort(Sorts.descending("view.updatedAt"))
                        .skip(page * size).limit(size))
                .map(doc -> view(doc, TopicView.class)).collectList();
        return Mono.zip(items, total).map(t -> new Page<>(t.getT1(), t.getT2(), page, size));
    }

    @Override
    public Flux<BatchView> batches() {
        return Flux.from(batches.find().sort(Sorts.descending("view.createdAt"))).map(doc -> view(doc, BatchView.class));
    }

    @Override
    public Mono<BatchView> batch(String id) {
        return Mono.from(batches.find(Filters.eq("_id", id)).first()).map(doc -> view(doc, BatchView.class));
    }

    @Override
    public Flux<OrgView> orgs() {
        return Flux.from(orgs.find().sort(Sorts.ascending("_id"))).map(doc -> view(doc, OrgView.class));
    }

    @Override
    public Flux<CategoryView> categories() {
        return Flux.from(categories.find().sort(Sorts.ascending("_id"))).map(doc -> view(doc, CategoryView.class));
    }

    @Override
    public Mono<Boolean> isEmpty() {
        return Flux.concat(Mono.from(orgs.find().limit(1).first()), Mono.from(topics.find().limit(1).first()),
                        Mono.from(batches.find().limit(1).first()))
                .hasElements().map(found -> !found);
    }

    @Override
    public Flux<TopicView> escalated(String batchId) {
        Bson filter = Filters.gt("view.escalationLevel", 0);
        if (batchId != null) {
            filter = Filters.and(filter, Filters.eq("view.batchId", batchId));
        }
        return Flux.from(topics.find(filter)).map(doc -> view(doc, TopicView.class));
    }

    private static Bson filter(TopicQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (query.batchId() != null) {
            filters.add(Filters.eq("view.batchId", query.batchId()));
        }
        if (query.status() != null) {
            filters.add(Filters.eq("view.status", query.status().name()));
        }
        if (query.direction() != null) {
            filters.add(Filters.eq("view.direction", query.direction().name()));
        }
        if (query.category() != null) {
            filters.add(Filters.eq("view.category", query.category()));
        }
        if (query.org() != null) {
            filters.add(Filters.or(Filters.eq("view.posterOrgId", query.org()), Filters.eq("view.leadOrgId", query.org()),
                    Filters.eq("view.coClaimantOrgIds", query.org())));
        }
        if (query.text() != null && !query.text().isBlank()) {
            // Quoted: the user's words are matched literally, never as a pattern or an operator.
            String literal = Pattern.quote(query.text().strip());
            filters.add(Filters.or(Filters.regex("view.title", literal, "i"), Filters.regex("view.description", literal, "i")));
        }
        return filters.isEmpty() ? new Document() : Filters.and(filters);
    }

    private static Mono<Void> replace(MongoCollection<Document> collection, String id, Document doc) {
        return Mono.from(collection.replaceOne(Filters.eq("_id", id), doc.append("_id", id), new ReplaceOptions().upsert(true)))
                .then();
    }

    private static List<String> json(List<EventEnvelope> events) {
        return events.stream().map(EventCodec::encodeToString).toList();
    }

    private static Document toDocument(Object view) {
        return Document.parse(JSON.writeValueAsString(view));
    }

    private static <T> T view(Document doc, Class<T> type) {
        return JSON.readValue(doc.get("view", Document.class).toJson(), type);
    }

    private MongoCollection<Document> collection(Kind kind) {
        return kind == Kind.TOPIC ? topics : batches;
    }
}
