package io.jiebang.notification.persistence;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

/**
 * One document per owner (its {@code _id}) holding the owner's newest entries in one array, each with an {@code id} and
 * a time, so reading them is one find by {@code _id}. An entry is added with {@code $addToSet}: the same entry again is
 * no change, however often it comes. Beyond the limit the oldest are taken out, from the array and from the owner's
 * other arrays of ids (an inbox's unread ones).
 */
final class NewestEntries {

    static final String ENTRIES = "entries";
    static final String ID = "id";

    private final MongoCollection<Document> owners;
    private final String timeField;
    private final int limit;
    private final List<String> idArrays;

    /**
     * @param timeField the entries' time, newest first
     * @param idArrays the owner's arrays of entry ids, which lose the ids of the entries taken out
     */
    NewestEntries(MongoCollection<Document> owners, String timeField, int limit, List<String> idArrays) {
        this.owners = owners;
        this.timeField = timeField;
        this.limit = limit;
        this.idArrays = List.copyOf(idArrays);
    }

    /** Adds the entry, with whatever else the owner's document changes with it (null for nothing). */
    Mono<Void> add(String owner, Document entry, Bson alongside) {
        Bson update = alongside == null ? Updates.addToSet(ENTRIES, entry) : Updates.combine(Updates.addToSet(ENTRIES, entry), alongside);
        return Mono.from(owners.findOneAndUpdate(Filters.eq("_id", owner), update, new FindOneAndUpdateOptions().upsert(true)
                        .returnDocument(ReturnDocument.AFTER)
                        .projection(Projections.include(ENTRIES + "." + ID, ENTRIES + "." + timeField))))
                .flatMap(after -> trim(owner, newestFirst(after)));
    }

    private Mono<Void> trim(String owner, List<Document> newestFirst) {
        if (newestFirst.size() <= limit) {
            return Mono.empty();
        }
        List<String> oldest = newestFirst.subList(limit, newestFirst.size()).stream().map(entry -> entry.getString(ID)).toList();
        List<Bson> pulls = new ArrayList<>();
        pulls.add(Updates.pullByFilter(new Document(ENTRIES, new Document(ID, new Document("$in", oldest)))));
        idArrays.forEach(ids -> pulls.add(Updates.pullAll(ids, oldest)));
        return Mono.from(owners.updateOne(Filters.eq("_id", owner), Updates.combine(pulls))).then();
    }

    /** The owner's entries, newest first; none when it has none. */
    Mono<List<Document>> read(String owner) {
        return Mono.from(owners.find(Filters.eq("_id", owner)).first()).map(this::newestFirst).defaultIfEmpty(List.of());
    }

    /** The owner's entries, newest first (the same time: by id, for a stable order). */
    List<Document> newestFirst(Document owner) {
        List<Document> entries = new ArrayList<>(owner.getList(ENTRIES, Document.class, List.of()));
        entries.sort(Comparator.comparing((Document entry) -> entry.get(timeField, Date.class)).reversed()
                .thenComparing(entry -> entry.getString(ID), Comparator.reverseOrder()));
        return entries;
    }
}
