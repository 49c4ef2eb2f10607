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
import java.util.Comparator;
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
        return storedEvents(spec).stream().map(StoredEvent::envelope).toList();
    }

    /**
     * An event as a service stored it: in which of its streams, in which commit of that stream, and whether another
     * service wrote it (recorded from Kafka) or the service itself.
     */
    record StoredEvent(String stream, long commitSeq, boolean external, EventEnvelope envelope) {
    }

    /** Every event a service stored, stream by stream in the order of the stream's commits. */
    List<StoredEvent> storedEvents(ServiceSpec spec) {
        List<StoredEvent> events = new ArrayList<>();
        for (Document commit : collection(spec, "commits").find()) {
            String stream = commit.getString("stream");
            long seq = commit.get("seq", Number.class).longValue();
            for (Document event : commit.getList("events", Document.class)) {
                boolean external = event.getBoolean("external", false);
                EventCodec.decode(event.getString("json"))
                        .ifPresent(envelope -> events.add(new StoredEvent(stream, seq, external, envelope)));
            }
        }
        // Stable: the events of one commit keep their order.
        events.sort(Comparator.comparing(StoredEvent::stream).thenComparingLong(StoredEvent::commitSeq));
        return events;
    }

    /** What every service and the read model hold at one moment, read once to be counted several ways. */
    record Snapshot(Map<ServiceSpec, List<StoredEvent>> services, Map<String, List<EventEnvelope>> readModel) {
    }

    /** The stored events of every service that has an event store (all but the console), and the read model's. */
    Snapshot snapshot() {
        Map<ServiceSpec, List<StoredEvent>> services = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (spec != ServiceSpec.CONSOLE) {
                services.put(spec, storedEvents(spec));
            }
        }
        return new Snapshot(services, readModelEvents());
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
