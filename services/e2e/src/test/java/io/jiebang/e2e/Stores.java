package io.jiebang.e2e;

import com.mongodb.client.model.Filters;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.jiebang.devstack.LocalStack;
import io.jiebang.devstack.ServiceSpec;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Looks straight into every service's database, to count what was really stored. */
final class Stores implements AutoCloseable {

    private final MongoClient client;

    Stores(LocalStack stack) {
        this.client = MongoClients.create(stack.mongoUri());
    }

    /** Commits per service, and documents in the board's read model. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (spec != ServiceSpec.CONSOLE) {
                counts.put(spec.name(), collection(spec, "commits").countDocuments());
            }
        }
        for (String view : List.of("topics", "batches", "users")) {
            counts.put("console." + view, collection(ServiceSpec.CONSOLE, view).countDocuments());
        }
        return counts;
    }

    /** Every event a service stored: its own and those it recorded from others. */
    List<EventEnvelope> events(ServiceSpec spec) {
        List<EventEnvelope> events = new ArrayList<>();
        for (Document commit : collection(spec, "commits").find()) {
            for (Document event : commit.getList("events", Document.class)) {
                EventCodec.decode(event.getString("json")).ifPresent(events::add);
            }
        }
        return events;
    }

    /** The events on each topic's timeline in the read model: its full pages, then the newest in its document. */
    Map<String, List<EventEnvelope>> readModelEvents() {
        Map<String, List<EventEnvelope>> byTopic = new LinkedHashMap<>();
        for (Document topic : collection(ServiceSpec.CONSOLE, "topics").find()) {
            String id = topic.getString("_id");
            List<String> json = new ArrayList<>();
            for (int page = 0; page < topic.getInteger("pages", 0); page++) {
                Document full = collection(ServiceSpec.CONSOLE, "timeline").find(Filters.eq("_id", id + ":" + page)).first();
                json.addAll(full.getList("events", String.class));
            }
            json.addAll(topic.getList("tail", String.class));
            List<EventEnvelope> events = new ArrayList<>();
            json.forEach(event -> EventCodec.decode(event).ifPresent(events::add));
            byTopic.put(id, events);
        }
        return byTopic;
    }

    MongoCollection<Document> collection(ServiceSpec spec, String name) {
        return client.getDatabase(spec.database()).getCollection(name);
    }

    @Override
    public void close() {
        client.close();
    }
}
