package io.jiebang.notification.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.jiebang.notification.domain.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;

/** What the service's stores share: the database, notifications as documents, and telling a duplicate insert. */
final class MongoDocuments {

    private MongoDocuments() {
    }

    static MongoDatabase database(ReactiveMongoDatabaseFactory databases) {
        return databases.getMongoDatabase().block(Duration.ofSeconds(30));
    }

    /** The document already exists: an idempotent insert found its work done. */
    static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    /** A notification as stored, always with the same fields in the same order, so a repeat is the same document. */
    static Document toDocument(Notification notification) {
        return new Document("id", notification.id())
                .append("recipient", notification.recipient())
                .append("eventId", notification.eventId())
                .append("eventType", notification.eventType())
                .append("topicId", notification.topicId())
                .append("title", notification.title())
                .append("round", notification.round())
                .append("fields", new Document(notification.fields()))
                .append("occurredAt", date(notification.occurredAt()));
    }

    static Notification toNotification(Document stored) {
        Map<String, Object> fields = new LinkedHashMap<>();
        stored.get("fields", Document.class).forEach((name, value) -> fields.put(name, value instanceof List<?> list ? List.copyOf(list) : value));
        return new Notification(stored.getString("id"), stored.getString("recipient"), stored.getString("eventId"),
                stored.getString("eventType"), stored.getString("topicId"), stored.getString("title"),
                stored.getInteger("round"), fields, instant(stored.getDate("occurredAt")));
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
