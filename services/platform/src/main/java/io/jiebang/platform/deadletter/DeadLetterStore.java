package io.jiebang.platform.deadletter;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.jiebang.events.Districts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A service's dead letters, in its own database ({@code deadLetters}, one document each): the system of record for
 * what the service could not process and what its coordinator did about it. Written when a record dies, before
 * the copy goes to the Kafka dead-letter topic; a record that dies again (consumed again, or replayed in vain) is the
 * same document, dead again. An action (replay, discard) is one conditional write of the document that changes its
 * state and keeps the event recording it ({@code unpublished}) until Kafka acknowledged it, so the two cannot part.
 */
public class DeadLetterStore {

    public static final String COLLECTION = "deadLetters";
    private static final int PAYLOAD_SHOWN = 2_000;

    private final MongoCollection<Document> letters;

    public DeadLetterStore(MongoDatabase database) {
        this.letters = database.getCollection(COLLECTION);
    }

    /** A dead letter with what replaying it takes. */
    public record Entry(DeadLetter view, byte[] payload, String commitId, long actions) {
    }

    /** An event recording an action, kept with the dead letter until Kafka acknowledged it. */
    public record PendingEvent(String eventId, String topic, String key, String json) {
    }

    /** What died and where it came from. */
    public record Death(String id, String service, String origin, String topic, Integer partition, Long offset,
                        String key, String eventId, String eventType, String district, byte[] payload, String commitId,
                        Throwable reason) {
    }

    /**
     * Records a death: a new dead letter, or one that died again (consumed again, say, by a service rebuilding from
     * the beginning): dead again if it had been replayed, but a discarded one stays discarded, only counted, as a
     * coordinator decided it is not to be handled.
     */
    public Mono<Void> died(Death death) {
        return Mono.from(letters.updateOne(Filters.and(Filters.eq("_id", death.id()), Filters.eq("status", DeadLetter.DISCARDED)),
                        Updates.combine(Updates.inc("deaths", 1), Updates.set("diedAt", new Date()))))
                .flatMap(discarded -> discarded.getMatchedCount() > 0 ? Mono.<Void>empty() : dead(death));
    }

    private Mono<Void> dead(Death death) {
        List<Bson> set = new ArrayList<>(List.of(
                Updates.set("service", death.service()),
                Updates.set("origin", death.origin()),
                Updates.set("status", DeadLetter.DEAD),
                Updates.set("reason", String.valueOf(death.reason().getMessage())),
                Updates.set("exception", death.reason().getClass().getName()),
                Updates.set("topic", death.topic()),
                Updates.set("diedAt", new Date()),
                Updates.inc("deaths", 1),
                Updates.setOnInsert("actions", 0L),
                Updates.unset("resolvedAt"),
                Updates.unset("resolvedBy"),
                Updates.unset("resolution")));
        optional(set, "partition", death.partition());
        optional(set, "offset", death.offset());
        optional(set, "key", death.key());
        optional(set, "eventId", death.eventId());
        optional(set, "eventType", death.eventType());
        optional(set, "district", death.district());
        optional(set, "commitId", death.commitId());
        if (death.payload() != null) {
            set.add(Updates.set("payload", new Binary(death.payload())));
        }
        return Mono.from(letters.updateOne(Filters.eq("_id", death.id()), Updates.combine(set), new UpdateOptions().upsert(true)))
                .then();
    }

    private static void optional(List<Bson> set, String field, Object value) {
        if (value != null) {
            set.add(Updates.set(field, value));
        }
    }

    /**
     * The newest first, of one district ({@link DeadLetter#district}); {@code status} null for all. The first district's
     * include those of no district (unreadable records, and letters kept before districts existed).
     */
    public Flux<DeadLetter> list(String status, String district, int limit) {
        Bson ofDistrict = Districts.FIRST.equals(district)
                ? Filters.or(Filters.eq("district", district), Filters.eq("district", null)) : Filters.eq("district", district);
        Bson filter = status == null ? ofDistrict : Filters.and(Filters.eq("status", status), ofDistrict);
        return Flux.from(letters.find(filter).sort(Sorts.descending("diedAt")).limit(limit)).map(DeadLetterStore::view);
    }

    public Mono<Entry> find(String id) {
        return Mono.from(letters.find(Filters.eq("_id", id)).first()).map(DeadLetterStore::entry);
    }

    /**
     * Applies an action to a dead letter still dead and unchanged since it was read ({@code actions} as read), with
     * the event that records it, in one write. Empty when it is no longer dead or was acted on meanwhile.
     */
    public Mono<Entry> act(Entry read, List<Bson> changes, PendingEvent event) {
        List<Bson> update = new ArrayList<>(changes);
        update.add(Updates.set("actions", read.actions() + 1));
        update.add(Updates.push("unpublished", new Document("eventId", event.eventId()).append("topic", event.topic())
                .append("key", event.key()).append("json", event.json())));
        update.add(Updates.set("eventsPending", true));
        return Mono.from(letters.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", read.view().id()), Filters.eq("status", DeadLetter.DEAD),
                                Filters.eq("actions", read.actions())),
                        Updates.combine(update), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(DeadLetterStore::entry);
    }

    /** Dead letters with events not yet acknowledged by Kafka, and those events. */
    public Flux<Document> withPendingEvents() {
        return Flux.from(letters.find(Filters.eq("eventsPending", true)));
    }

    /** Forgets the events Kafka acknowledged, unless another action came meanwhile (then they go again: no harm). */
    public Mono<Void> sent(Document letter, List<Document> acknowledged) {
        List<Document> left = new ArrayList<>(letter.getList("unpublished", Document.class, List.of()));
        left.removeAll(acknowledged);
        return Mono.from(letters.updateOne(
                Filters.and(Filters.eq("_id", letter.get("_id")), Filters.eq("actions", letter.get("actions"))),
                Updates.combine(Updates.set("unpublished", left), Updates.set("eventsPending", !left.isEmpty())))).then();
    }

    private static Entry entry(Document doc) {
        Binary payload = doc.get("payload", Binary.class);
        Number actions = doc.get("actions", Number.class);
        return new Entry(view(doc), payload == null ? null : payload.getData(), doc.getString("commitId"),
                actions == null ? 0 : actions.longValue());
    }

    private static DeadLetter view(Document doc) {
        Binary payload = doc.get("payload", Binary.class);
        String text = payload == null ? null : new String(payload.getData(), StandardCharsets.UTF_8);
        if (text != null && text.length() > PAYLOAD_SHOWN) {
            text = text.substring(0, PAYLOAD_SHOWN) + "…";
        }
        Number partition = doc.get("partition", Number.class);
        Number offset = doc.get("offset", Number.class);
        Number deaths = doc.get("deaths", Number.class);
        return new DeadLetter(doc.getString("_id"), doc.getString("service"), doc.getString("origin"), doc.getString("status"),
                doc.getString("reason"), doc.getString("exception"), doc.getString("topic"),
                partition == null ? null : partition.intValue(), offset == null ? null : offset.longValue(),
                doc.getString("key"), doc.getString("eventId"), doc.getString("eventType"), instant(doc.getDate("diedAt")),
                deaths == null ? 0 : deaths.intValue(), text, instant(doc.getDate("resolvedAt")), doc.getString("resolvedBy"),
                doc.getString("resolution"), doc.getString("district"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
