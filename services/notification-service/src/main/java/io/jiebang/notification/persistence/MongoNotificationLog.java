package io.jiebang.notification.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.jiebang.notification.application.NotificationLog;
import io.jiebang.notification.domain.Channel;
import io.jiebang.notification.domain.Notification;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Every notification made, in {@code notifications} by its id ({@code <eventId>:<recipient>}): the insert is what
 * makes it once; a second insert of the same id fails and reads what the first recorded.
 */
@Repository
public class MongoNotificationLog implements NotificationLog {

    private static final String COLLECTION = "notifications";
    private static final String CHANNELS = "channels";
    private static final String COMPLETE = "complete";

    private final MongoCollection<Document> notifications;

    public MongoNotificationLog(ReactiveMongoDatabaseFactory databases) {
        this.notifications = MongoDocuments.database(databases).getCollection(COLLECTION);
    }

    @Override
    public Mono<Recorded> record(Notification notification, List<Channel> channels) {
        Document recorded = MongoDocuments.toDocument(notification)
                .append("_id", notification.id())
                .append(CHANNELS, channels.stream().map(Channel::name).toList())
                .append(COMPLETE, false);
        return Mono.from(notifications.insertOne(recorded))
                .thenReturn(new Recorded(channels, false))
                .onErrorResume(MongoDocuments::isDuplicateKey, duplicate ->
                        Mono.from(notifications.find(Filters.eq("_id", notification.id())).first())
                                .map(before -> new Recorded(before.getList(CHANNELS, String.class).stream().map(Channel::valueOf).toList(),
                                        before.getBoolean(COMPLETE, false))));
    }

    @Override
    public Mono<Void> complete(String notificationId) {
        return Mono.from(notifications.updateOne(Filters.eq("_id", notificationId), Updates.set(COMPLETE, true))).then();
    }
}
