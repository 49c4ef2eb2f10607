package io.jiebang.console.application;

import io.jiebang.console.readmodel.BatchView;
import io.jiebang.console.readmodel.CategoryView;
import io.jiebang.console.readmodel.OrgView;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.EventEnvelope;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the board's read model is kept. Events of one topic arrive on several Kafka topics, read by
 * several consumer threads, so a view is saved only if nobody saved it since it was read (its revision).
 */
public interface ReadModel {

    /** The events a topic (or batch) view was folded from, with the view's revision (0: no view yet). */
    Mono<Folded> eventsOf(Kind kind, String id);

    /** Saves the view unless another writer saved it after {@code revision}; answers whether it was saved. */
    Mono<Boolean> saveTopic(TopicView view, List<EventEnvelope> events, long revision);

    Mono<Boolean> saveBatch(BatchView view, List<EventEnvelope> events, long revision);

    Mono<Void> saveOrg(OrgView org);

    Mono<Void> saveCategory(CategoryView category);

    Mono<TopicView> topic(String id);

    Mono<Page<TopicView>> topics(TopicQuery query);

    Flux<BatchView> batches();

    Mono<BatchView> batch(String id);

    Flux<OrgView> orgs();

    Flux<CategoryView> categories();

    /** Whether the read model has nothing at all yet. */
    Mono<Boolean> isEmpty();

    /** Topics with open reminders or escalations. */
    Flux<TopicView> escalated(String batchId);

    enum Kind {
        TOPIC, BATCH
    }

    record Page<T>(List<T> items, long total, int page, int size) {
    }

    record Folded(List<EventEnvelope> events, long revision) {
    }
}
