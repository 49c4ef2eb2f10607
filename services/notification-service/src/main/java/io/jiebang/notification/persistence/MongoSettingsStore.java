package io.jiebang.notification.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.jiebang.notification.application.SettingsStore;
import io.jiebang.notification.domain.Language;
import io.jiebang.notification.domain.NotificationRules;
import io.jiebang.notification.domain.NotificationSettings;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Settings in {@code notification_settings}, one document per recipient ({@code _id}), with the kinds there were
 * when they were saved ({@code knownKinds}), so that a kind added since reaches the recipient
 * ({@link NotificationSettings#saved}).
 */
@Repository
public class MongoSettingsStore implements SettingsStore {

    private static final String COLLECTION = "notification_settings";
    /** The kinds of the first version, which did not keep them with the settings. */
    private static final List<String> FIRST_KINDS = List.of("ClaimSubmitted", "ClaimAwarded", "TopicAssigned", "TopicUnclaimed",
            "ProgressReported", "EscalationRaised", "ResolutionSubmitted", "ResolutionRejected", "ResolutionAccepted",
            "EvaluationClosed", "AppealLodged", "AppealDecided");

    private final MongoCollection<Document> settings;

    public MongoSettingsStore(ReactiveMongoDatabaseFactory databases) {
        this.settings = MongoDocuments.database(databases).getCollection(COLLECTION);
    }

    @Override
    public Mono<NotificationSettings> find(String recipient) {
        return Mono.from(settings.find(Filters.eq("_id", recipient)).first())
                .map(MongoSettingsStore::toSettings)
                .defaultIfEmpty(NotificationSettings.defaults(recipient));
    }

    @Override
    public Mono<Void> save(NotificationSettings changed) {
        Document email = new Document("enabled", changed.email().enabled())
                .append("address", changed.email().address())
                .append("events", changed.email().events());
        Document webhook = new Document("enabled", changed.webhook().enabled())
                .append("url", changed.webhook().url())
                .append("secret", changed.webhook().secret())
                .append("events", changed.webhook().events());
        Document stored = new Document("_id", changed.recipient())
                .append("language", changed.language().tag())
                .append("inboxEvents", changed.inboxEvents())
                .append("email", email)
                .append("webhook", webhook)
                .append("knownKinds", NotificationRules.KINDS);
        return Mono.from(settings.replaceOne(Filters.eq("_id", changed.recipient()), stored, new ReplaceOptions().upsert(true)))
                .then();
    }

    private static NotificationSettings toSettings(Document stored) {
        Document email = stored.get("email", Document.class);
        Document webhook = stored.get("webhook", Document.class);
        List<String> knownKinds = stored.getList("knownKinds", String.class);
        return NotificationSettings.saved(stored.getString("_id"), Language.ofTag(stored.getString("language")),
                stored.getList("inboxEvents", String.class),
                new NotificationSettings.Email(email.getBoolean("enabled"), email.getString("address"),
                        email.getList("events", String.class)),
                new NotificationSettings.Webhook(webhook.getBoolean("enabled"), webhook.getString("url"),
                        webhook.getString("secret"), webhook.getList("events", String.class)),
                knownKinds == null ? FIRST_KINDS : knownKinds);
    }
}
