package io.jiebang.notification.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.jiebang.notification.application.Inboxes;
import io.jiebang.notification.application.NotificationProperties;
import io.jiebang.notification.domain.Notification;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Inboxes in {@code inboxes}, one document per recipient ({@code _id}): its newest notifications under
 * {@code entries} and the ids of the unread ones under {@code unread}, both sets, so adding the same notification
 * again neither adds an entry nor counts it twice. Listing, counting and marking read each address one document by
 * {@code _id}; the unread count is the size of {@code unread}.
 */
@Repository
public class MongoInboxes implements Inboxes {

    private static final String COLLECTION = "inboxes";
    private static final String UNREAD = "unread";
    private static final String OCCURRED_AT = "occurredAt";

    private final MongoCollection<Document> inboxes;
    private final NewestEntries entries;

    public MongoInboxes(ReactiveMongoDatabaseFactory databases, NotificationProperties properties) {
        this.inboxes = MongoDocuments.database(databases).getCollection(COLLECTION);
        this.entries = new NewestEntries(inboxes, OCCURRED_AT, properties.inboxSize(), List.of(UNREAD));
    }

    @Override
    public Mono<Void> add(Notification notification) {
        return entries.add(notification.recipient(), MongoDocuments.toDocument(notification),
                Updates.addToSet(UNREAD, notification.id()));
    }

    @Override
    public Mono<Page> page(String recipient, int limit) {
        return Mono.from(inboxes.find(Filters.eq("_id", recipient)).first())
                .map(inbox -> {
                    Set<String> unread = unreadOf(inbox);
                    List<Entry> newest = entries.newestFirst(inbox).stream().limit(limit)
                            .map(MongoDocuments::toNotification)
                            .map(notification -> new Entry(notification, !unread.contains(notification.id())))
                            .toList();
                    return new Page(newest, unread.size());
                })
                .defaultIfEmpty(new Page(List.of(), 0));
    }

    @Override
    public Mono<Integer> unread(String recipient) {
        return Mono.from(inboxes.find(Filters.eq("_id", recipient)).projection(Projections.include(UNREAD)).first())
                .map(inbox -> unreadOf(inbox).size())
                .defaultIfEmpty(0);
    }

    @Override
    public Mono<Optional<Integer>> markRead(String recipient, String notificationId) {
        return Mono.from(inboxes.findOneAndUpdate(Filters.eq("_id", recipient), Updates.pull(UNREAD, notificationId),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)
                                .projection(Projections.include(UNREAD, NewestEntries.ENTRIES + "." + NewestEntries.ID))))
                .map(inbox -> holds(inbox, notificationId) ? Optional.of(unreadOf(inbox).size()) : Optional.<Integer>empty())
                .defaultIfEmpty(Optional.empty());
    }

    @Override
    public Mono<Void> markAllRead(String recipient) {
        return Mono.from(inboxes.updateOne(Filters.eq("_id", recipient), Updates.set(UNREAD, List.of()))).then();
    }

    private static Set<String> unreadOf(Document inbox) {
        return new HashSet<>(inbox.getList(UNREAD, String.class, List.of()));
    }

    private static boolean holds(Document inbox, String notificationId) {
        return inbox.getList(NewestEntries.ENTRIES, Document.class, List.of()).stream()
                .anyMatch(entry -> notificationId.equals(entry.getString(NewestEntries.ID)));
    }
}
