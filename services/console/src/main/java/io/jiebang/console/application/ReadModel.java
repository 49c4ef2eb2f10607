package io.jiebang.console.application;

import io.jiebang.console.readmodel.BatchView;
import io.jiebang.console.readmodel.CategoryView;
import io.jiebang.console.readmodel.DistrictView;
import io.jiebang.console.readmodel.OrgView;
import io.jiebang.console.readmodel.TimelineEntry;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.EventEnvelope;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the board's read model is kept. A topic's events arrive on several Kafka topics, all keyed by the
 * topic id and so on the same partition number, which one consumer thread owns: each topic has a single
 * writer, and its record is written by {@code _id} without a revision check.
 */
public interface ReadModel {

    /** What the board keeps about a topic; empty when it knows nothing of it yet. */
    Mono<TopicRecord> topicRecord(String id);

    /** What the board keeps about each of these topics that it knows, by id. */
    Mono<Map<String, TopicRecord>> topicRecords(Collection<String> ids);

    /**
     * Stores each topic's record, after the timeline pages it filled: a crash in between leaves the records as they
     * were, and the redelivered events write the same pages again.
     */
    Mono<Void> saveTopics(List<TopicWrite> writes);

    /** A topic's whole timeline, in the order the events arrived. */
    Flux<EventEnvelope> timeline(TopicRecord record);

    /** The events a batch view was folded from, with the view's revision (0: no view yet). */
    Mono<Folded> batchEvents(String id);

    /** Saves the view unless another writer saved it after {@code revision}; answers whether it was saved. */
    Mono<Boolean> saveBatch(BatchView view, List<EventEnvelope> events, long revision);

    /**
     * An organisation's view with the sequence of the last of its events applied (0: none), so a redelivered event
     * is told from a new one.
     */
    record OrgRecord(OrgView view, long sequence) {
    }

    /** The stored records of these organisations, by id; the unknown ones are absent. */
    Mono<java.util.Map<String, OrgRecord>> orgRecords(java.util.Collection<String> ids);

    /** Stores these organisations' records, in one write. */
    Mono<Void> saveOrgs(List<OrgRecord> orgs);

    Mono<Void> saveCategory(CategoryView category);

    Mono<Void> saveDistrict(DistrictView district);

    /** The deployment's districts, by id. */
    Flux<DistrictView> districts();

    /**
     * The topic with the newest events of its timeline: its open tail and the last full page, so at most twice
     * {@link TopicRecord#PAGE} however long its history.
     */
    Mono<TopicView> topic(String id);

    /** The view with every event of its timeline, in the order they happened; empty when the topic is unknown. */
    Mono<TopicView> wholeTopic(String id);

    /** Topics without their timelines. */
    Mono<Page<TopicView>> topics(TopicQuery query);

    /** Open311's service requests, without their timelines. */
    Mono<Page<TopicView>> serviceRequests(ServiceRequestQuery query);

    Flux<BatchView> batches();

    Mono<BatchView> batch(String id);

    Flux<OrgView> orgs();

    Flux<CategoryView> categories();

    /** Whether the read model has nothing at all yet. */
    Mono<Boolean> isEmpty();

    /** Topics with open reminders or escalations, of one batch or all, of one district or all (null). */
    Flux<TopicView> escalated(String batchId, String district);

    /**
     * The solved topics most like this text (their titles and descriptions), the most alike first; of one district, or
     * of all (null).
     */
    Flux<TopicView> similarSolved(String text, int limit, String district);

    record Page<T>(List<T> items, long total, int page, int size) {
    }

    record Folded(List<EventEnvelope> events, long revision) {
    }
}
