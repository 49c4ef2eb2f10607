package io.jiebang.console.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import io.jiebang.console.application.BoardCounts;
import io.jiebang.console.application.ReadModel;
import io.jiebang.console.application.TopicListIndex;
import io.jiebang.console.application.TopicRecord;
import io.jiebang.console.application.TopicWrite;
import io.jiebang.console.readmodel.TopicBoard;
import io.jiebang.console.application.ServiceRequestQuery;
import io.jiebang.console.application.TopicQuery;
import io.jiebang.console.readmodel.BatchView;
import io.jiebang.console.readmodel.CategoryView;
import io.jiebang.console.readmodel.DistrictView;
import io.jiebang.console.readmodel.OrgView;
import io.jiebang.console.readmodel.TimelineEntry;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read model in MongoDB: one document per topic, batch, organisation and category.
 * <ul>
 *   <li>A topic document holds the view as the board shows it ({@code view}, which the filters query,
 *       without its timeline), the newest events ({@code tail}) and the bookkeeping of {@link TopicRecord};
 *       older events are in {@code timeline} pages, {@code _id = <topic>:<page>}. Events are stored as their
 *       CloudEvents JSON.</li>
 *   <li>A batch document holds its view and the few events it was folded from ({@code events}).</li>
 * </ul>
 * Every write and every single read is by {@code _id}.
 */
@Repository
public class MongoReadModel implements ReadModel, TopicListIndex, BoardCounts {

    /**
     * Views stored by an older version lack the fields added since: an absent flag or count is false or 0, and an
     * absent district the first district's (the views' constructors say so).
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> topics;
    private final LuceneTopicIndex index;
    private final MongoCollection<Document> timeline;
    private final MongoCollection<Document> batches;
    private final MongoCollection<Document> orgs;
    private final MongoCollection<Document> categories;
    private final MongoCollection<Document> districts;

    /** @param instance this console among its instances: each keeps its own list index under the data folder */
    public MongoReadModel(ReactiveMongoDatabaseFactory databases, @Value("${jiebang.data:.data}") String dataDir,
                          @Value("${jiebang.instance}") String instance) {
        MongoDatabase database = databases.getMongoDatabase().block(Duration.ofSeconds(30));
        this.topics = database.getCollection("topics");
        this.timeline = database.getCollection("timeline");
        this.batches = database.getCollection("batches");
        this.orgs = database.getCollection("orgs");
        this.categories = database.getCollection("categories");
        this.districts = database.getCollection("districts");
        Flux.from(topics.createIndexes(List.of(new IndexModel(Indexes.ascending("view.batchId", "view.status")),
                        new IndexModel(Indexes.descending("view.updatedAt")),
                        new IndexModel(Indexes.ascending("view.escalationLevel")))))
                .then().block(Duration.ofSeconds(30));
        this.index = new LuceneTopicIndex(Path.of(dataDir, instance, "topic-index"));
        boolean noTopics = Mono.from(topics.find().limit(1).first()).blockOptional(Duration.ofSeconds(30)).isEmpty();
        if (!index.trusted() || noTopics) {
            rebuildIndex();
        }
    }

    @Override
    public OptionalLong position() {
        return index.trusted() && index.position() >= 0 ? OptionalLong.of(index.position()) : OptionalLong.empty();
    }

    @Override
    public Mono<Void> rebuild() {
        return Mono.fromRunnable(this::rebuildIndex).subscribeOn(Schedulers.boundedElastic()).then();
    }

    @Override
    public Mono<Void> refresh(Collection<String> topicIds, long next) {
        Mono<Void> read = topicIds.isEmpty() ? Mono.empty() : Flux.from(topics.find(Filters.in("_id", topicIds))
                        .projection(Projections.include("view")))
                .map(doc -> view(doc, TopicView.class)).collectList()
                .flatMap(views -> Mono.fromRunnable(() -> {
                    views.forEach(index::put);
                    index.refresh();
                }).subscribeOn(Schedulers.boundedElastic())).then();
        return read.then(Mono.fromRunnable(() -> index.position(next)));
    }

    /** The list index again from every topic document: after a crash, or when the read model starts over. */
    private void rebuildIndex() {
        index.clear();
        Flux.from(topics.find().projection(Projections.include("view"))).doOnNext(doc -> index.put(view(doc, TopicView.class)))
                .doOnComplete(index::refresh)
                .then().block(Duration.ofMinutes(30));
    }

    @Override
    public Mono<Counts> counts(Instant now) {
        return Mono.fromCallable(() -> new Counts(index.countByStatus(), index.countByEscalationLevel(),
                index.countOverdue(now, UNDER_WAY)));
    }

    @PreDestroy
    public void close() {
        index.close();
    }

    @Override
    public Mono<TopicRecord> topicRecord(String id) {
        return Mono.from(topics.find(Filters.eq("_id", id)).first()).map(MongoReadModel::record);
    }

    @Override
    public Mono<Map<String, TopicRecord>> topicRecords(Collection<String> ids) {
        return Flux.from(topics.find(Filters.in("_id", ids))).map(MongoReadModel::record)
                .collectMap(TopicRecord::id);
    }

    private static TopicRecord record(Document doc) {
        Map<String, Long> seen = new HashMap<>();
        for (Document mark : doc.getList("seen", Document.class, List.of())) {
            seen.put(mark.getString("source"), mark.get("sequence", Number.class).longValue());
        }
        Document latest = doc.get("latest", Document.class);
        return new TopicRecord(doc.getString("_id"), view(doc, TopicView.class), doc.getList("tail", String.class, List.of()),
                doc.getInteger("pages", 0), seen, latest == null ? null : new TopicRecord.Happened(
                        latest.getDate("at").toInstant(), latest.getString("source"), latest.get("sequence", Number.class).longValue()));
    }

    @Override
    public Mono<Void> saveTopics(List<TopicWrite> writes) {
        List<WriteModel<Document>> pages = new ArrayList<>();
        List<WriteModel<Document>> records = new ArrayList<>();
        for (TopicWrite write : writes) {
            TopicRecord record = write.record();
            write.fullPages().forEach(page -> pages.add(upsert(pageId(record.id(), page.number()), new Document("events", page.events()))));
            records.add(new UpdateOneModel<>(Filters.eq("_id", record.id()), recordChanges(write), new UpdateOptions().upsert(true)));
        }
        Mono<Void> pagesFirst = pages.isEmpty() ? Mono.empty() : Mono.from(timeline.bulkWrite(pages, UNORDERED)).then();
        return pagesFirst.then(Mono.from(topics.bulkWrite(records, UNORDERED)))
                .then(Mono.<Void>fromRunnable(() -> {
                    writes.forEach(write -> index.put(write.record().view()));
                    index.refresh();
                }).subscribeOn(Schedulers.boundedElastic()));
    }

    private static Bson recordChanges(TopicWrite write) {
        TopicRecord record = write.record();
        List<Document> seen = record.seen().entrySet().stream()
                .map(mark -> new Document("source", mark.getKey()).append("sequence", mark.getValue())).toList();
        TopicRecord.Happened latest = record.latest();
        List<Bson> changes = new ArrayList<>(List.of(Updates.set("view", toDocument(record.view())),
                Updates.set("pages", record.pages()), Updates.set("seen", seen),
                Updates.set("latest", new Document("at", Date.from(latest.at())).append("source", latest.source())
                        .append("sequence", latest.sequence()))));
        // Only the new events travel, unless the tail is new or started a new page.
        List<String> tail = record.tail();
        changes.add(write.onlyAppends() ? Updates.pushEach("tail", tail.subList(tail.size() - write.newInTail(), tail.size()))
                : Updates.set("tail", tail));
        return Updates.combine(changes);
    }

    @Override
    public Flux<EventEnvelope> timeline(TopicRecord record) {
        return timeline(record, 0);
    }

    /** The record's events from page {@code first} on, its tail last, in the order they arrived. */
    private Flux<EventEnvelope> timeline(TopicRecord record, int first) {
        List<String> ids = IntStream.range(first, record.pages()).mapToObj(page -> pageId(record.id(), page)).toList();
        Mono<List<Document>> pages = ids.isEmpty() ? Mono.just(List.of()) : Flux.from(timeline.find(Filters.in("_id", ids)))
                .collectSortedList(Comparator.comparingInt(doc -> ids.indexOf(doc.getString("_id"))));
        return pages.flatMapIterable(docs -> {
            List<String> json = new ArrayList<>();
            docs.forEach(doc -> json.addAll(doc.getList("events", String.class)));
            json.addAll(record.tail());
            return decode(json);
        });
    }

    private static String pageId(String topicId, int page) {
        return topicId + ":" + page;
    }

    @Override
    public Mono<Folded> batchEvents(String id) {
        return Mono.from(batches.find(Filters.eq("_id", id)).first())
                .map(doc -> new Folded(decode(doc.getList("events", String.class)), doc.getLong("revision")))
                .defaultIfEmpty(new Folded(List.of(), 0));
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
    public Mono<java.util.Map<String, OrgRecord>> orgRecords(java.util.Collection<String> ids) {
        return Flux.from(orgs.find(Filters.in("_id", ids)))
                .collectMap(doc -> doc.getString("_id"), doc -> new OrgRecord(view(doc, OrgView.class),
                        doc.get("sequence", Number.class) == null ? 0 : doc.get("sequence", Number.class).longValue()));
    }

    @Override
    public Mono<Void> saveOrgs(List<OrgRecord> records) {
        List<WriteModel<Document>> writes = records.stream().map(org -> upsert(org.view().id(),
                new Document("view", toDocument(org.view())).append("sequence", org.sequence()))).toList();
        return Mono.from(orgs.bulkWrite(writes, UNORDERED)).then();
    }

    @Override
    public Mono<Void> saveCategory(CategoryView category) {
        return replace(categories, category.code(), new Document("view", toDocument(category)));
    }

    @Override
    public Mono<TopicView> topic(String id) {
        return topicRecord(id).flatMap(record -> entries(timeline(record, Math.max(0, record.pages() - 1)))
                .map(newest -> record.view().withTimeline(newest, record.size())));
    }

    @Override
    public Mono<TopicView> wholeTopic(String id) {
        return topicRecord(id).flatMap(record -> entries(timeline(record)).map(all -> record.view().withTimeline(all, record.size())));
    }

    private static Mono<List<TimelineEntry>> entries(Flux<EventEnvelope> events) {
        return events.collectList().map(list -> {
            list.sort(TopicBoard.HAPPENED);
            return list.stream().map(TopicBoard::timelineEntry).toList();
        });
    }

    @Override
    public Mono<Page<TopicView>> topics(TopicQuery query) {
        int size = Math.max(1, Math.min(query.size(), TopicQuery.MAX_SIZE));
        int page = Math.max(0, query.page());
        return Mono.fromCallable(() -> index.search(query, page, size))
                .flatMap(hits -> views(hits.ids()).map(views -> new Page<>(views, hits.total(), page, size)));
    }

    @Override
    public Mono<Page<TopicView>> serviceRequests(ServiceRequestQuery query) {
        return Mono.fromCallable(() -> index.search(query))
                .flatMap(hits -> views(hits.ids()).map(views -> new Page<>(views, hits.total(), query.page(), query.size())));
    }

    /** The views of these topics, in this order, read by {@code _id}. */
    private Mono<List<TopicView>> views(List<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        return Flux.from(topics.find(Filters.in("_id", ids)).projection(Projections.include("view")))
                .collectMap(doc -> doc.getString("_id"), doc -> view(doc, TopicView.class))
                .map(byId -> ids.stream().filter(byId::containsKey).map(byId::get).toList());
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
    public Mono<Void> saveDistrict(DistrictView district) {
        return replace(districts, district.id(), new Document("view", toDocument(district)));
    }

    @Override
    public Flux<DistrictView> districts() {
        return Flux.from(districts.find().sort(Sorts.ascending("_id"))).map(doc -> view(doc, DistrictView.class));
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
    public Flux<TopicView> escalated(String batchId, String district) {
        return Mono.fromCallable(() -> index.escalated(batchId, district)).flatMap(this::views).flatMapIterable(views -> views);
    }

    @Override
    public Flux<TopicView> similarSolved(String text, int limit, String district) {
        return Mono.fromCallable(() -> index.similarSolved(text, limit, district)).flatMap(this::views)
                .flatMapIterable(views -> views);
    }

    /** Writes the document as {@code _id}, whether or not one was there: for a bulk write. */
    private static WriteModel<Document> upsert(String id, Document doc) {
        return new ReplaceOneModel<>(Filters.eq("_id", id), doc.append("_id", id), new ReplaceOptions().upsert(true));
    }

    private static Mono<Void> replace(MongoCollection<Document> collection, String id, Document doc) {
        return Mono.from(collection.replaceOne(Filters.eq("_id", id), doc.append("_id", id), new ReplaceOptions().upsert(true)))
                .then();
    }

    private static List<EventEnvelope> decode(List<String> json) {
        List<EventEnvelope> events = new ArrayList<>();
        json.forEach(event -> EventCodec.decode(event).ifPresent(events::add));
        return events;
    }

    private static List<String> json(List<EventEnvelope> events) {
        return events.stream().map(EventCodec::encodeToString).toList();
    }

    // Straight between the record and the document's maps: no JSON text in between, on every event and every read.
    @SuppressWarnings("unchecked")
    private static Document toDocument(Object view) {
        return new Document(JSON.convertValue(view, Map.class));
    }

    private static <T> T view(Document doc, Class<T> type) {
        return JSON.convertValue(doc.get("view", Document.class), type);
    }
}
