package io.jiebang.console.application;

import io.jiebang.console.domain.BatchView;
import io.jiebang.console.domain.CategoryView;
import io.jiebang.console.domain.OrgView;
import io.jiebang.console.domain.TopicView;
import io.jiebang.events.EventEnvelope;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where the board's read model is kept. Written by one consumer thread only, so plain reads and replaces are safe. */
public interface ReadModel {

    /** The events a topic (or batch) view was folded from; empty when unknown. */
    Mono<List<EventEnvelope>> eventsOf(Kind kind, String id);

    Mono<Void> saveTopic(TopicView view, List<EventEnvelope> events);

    Mono<Void> saveBatch(BatchView view, List<EventEnvelope> events);

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
}
