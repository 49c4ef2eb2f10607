package io.jiebang.platform.eventstore;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Named sets of stream ids (see {@code Aggregate.sets()}), each spread over a fixed number of bucket documents
 * addressed by {@code _id = <stream type>/<set>/<bucket>}, so no document grows without limit and reading a
 * set costs the same however many other streams there are.
 */
public class StreamSetStore {

    public static final String COLLECTION = "streamSets";
    private static final int BUCKETS = 32;
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> buckets;

    public StreamSetStore(MongoDatabase database) {
        this.buckets = database.getCollection(COLLECTION);
    }

    public Mono<Void> add(String streamType, Collection<String> sets, String id) {
        return Flux.fromIterable(sets)
                .concatMap(set -> Mono.from(buckets.updateOne(bucketOf(streamType, set, id), Updates.set(field(id), true), UPSERT)))
                .then();
    }

    public Mono<Void> remove(String streamType, Collection<String> sets, String id) {
        return Flux.fromIterable(sets)
                .concatMap(set -> Mono.from(buckets.updateOne(bucketOf(streamType, set, id), Updates.unset(field(id)))))
                .then();
    }

    public Flux<String> members(String streamType, String set) {
        List<String> ids = IntStream.range(0, BUCKETS).mapToObj(bucket -> bucketId(streamType, set, bucket)).toList();
        return Flux.from(buckets.find(Filters.in("_id", ids)))
                .concatMapIterable(doc -> doc.get("ids", new Document()).keySet().stream().map(StreamSetStore::unescape).sorted().toList());
    }

    /** Whether the sets of a stream type were built from the streams stored before they were kept. */
    public Mono<Boolean> isBuilt(String streamType) {
        return Mono.from(buckets.find(Filters.eq("_id", streamType + "/built")).first()).hasElement();
    }

    public Mono<Void> markBuilt(String streamType) {
        return Mono.from(buckets.updateOne(Filters.eq("_id", streamType + "/built"), Updates.set("built", true), UPSERT)).then();
    }

    private static Bson bucketOf(String streamType, String set, String id) {
        return Filters.eq("_id", bucketId(streamType, set, Math.floorMod(id.hashCode(), BUCKETS)));
    }

    private static String bucketId(String streamType, String set, int bucket) {
        return streamType + "/" + set + "/" + bucket;
    }

    /** Ids become field names: the characters MongoDB reads as paths or operators are escaped. */
    private static String field(String id) {
        return "ids." + id.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    private static String unescape(String field) {
        return field.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }
}
