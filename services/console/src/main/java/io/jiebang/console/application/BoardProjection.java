package io.jiebang.console.application;

import io.jiebang.console.readmodel.BatchView;
import io.jiebang.console.readmodel.CategoryView;
import io.jiebang.console.readmodel.OrgView;
import io.jiebang.console.readmodel.TopicBoard;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.TopicEvent;
import io.jiebang.events.batch.BatchEvent;
import io.jiebang.events.directory.CategoryDefined;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.platform.messaging.Inbox;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Keeps the board's read model from every service's events.
 * <ul>
 *   <li>A topic's event is applied to its stored view; only one that happened before the latest applied
 *       (delivered late by another Kafka topic) refolds the topic from its timeline. A redelivered event is
 *       recognised by its producer's sequence ({@link TopicRecord}) and changes nothing.</li>
 *   <li>A batch view is refolded from its few events, recognising a redelivery by event id.</li>
 * </ul>
 */
@Service
public class BoardProjection implements Inbox {

    private static final int MAX_ATTEMPTS = 50;

    private final ReadModel readModel;
    private final BoardChanges changes;

    public BoardProjection(ReadModel readModel, BoardChanges changes) {
        this.readModel = readModel;
        this.changes = changes;
    }

    @Override
    public Mono<Void> handle(EventEnvelope event) {
        DomainEvent data = event.data();
        if (data instanceof OrgRegistered o) {
            return readModel.saveOrg(new OrgView(o.orgId(), o.name(), o.nameEn(), o.kind(), o.parentId()))
                    .then(announce("org", o.orgId(), event, null));
        }
        if (data instanceof CategoryDefined c) {
            return readModel.saveCategory(new CategoryView(c.code(), c.name(), c.nameEn(), c.classCode(), c.className(),
                    c.classNameEn())).then(announce("category", c.code(), event, null));
        }
        if (data instanceof BatchEvent b) {
            return withBatchEvent(b.batchId(), event, (events, revision) -> {
                BatchView view = BatchView.fold(b.batchId(), events);
                return readModel.saveBatch(view, events, revision)
                        .flatMap(saved -> saved ? announce("batch", b.batchId(), event, view.state()).thenReturn(true) : Mono.just(false));
            });
        }
        if (data instanceof TopicEvent t) {
            return applyToTopic(t.topicId(), event);
        }
        return Mono.empty();
    }

    /** An empty read model is rebuilt from the beginning of every topic. */
    @Override
    public Mono<Boolean> startsFromScratch() {
        return readModel.isEmpty();
    }

    private Mono<Void> applyToTopic(String topicId, EventEnvelope event) {
        return readModel.topicRecord(topicId).defaultIfEmpty(TopicRecord.empty(topicId)).flatMap(record -> {
            if (record.hasSeen(event)) {
                return Mono.empty();
            }
            Mono<TopicView> next = record.isLatest(event)
                    ? Mono.just(TopicBoard.next(record.view(), topicId, event))
                    : readModel.timeline(record).concatWith(Mono.just(event)).collectList()
                            .map(events -> TopicBoard.fold(topicId, events).withoutTimeline());
            return next.flatMap(view -> readModel.saveTopic(record.with(view, event), record.tailFull() ? record.tail() : null)
                    .then(announce("topic", topicId, event, view.status().name())));
        });
    }

    /** Adds the event to the batch's events and saves the refolded view; another writer in between means: again. */
    private Mono<Void> withBatchEvent(String id, EventEnvelope event, BiFunction<List<EventEnvelope>, Long, Mono<Boolean>> save) {
        return Mono.defer(() -> readModel.batchEvents(id).flatMap(known -> {
                    if (known.events().stream().anyMatch(e -> e.eventId().equals(event.eventId()))) {
                        return Mono.just(true);
                    }
                    List<EventEnvelope> events = new ArrayList<>(known.events());
                    events.add(event);
                    return save.apply(events, known.revision());
                }))
                .repeatWhen(saved -> saved.delayElements(Duration.ofMillis(5)))
                .takeUntil(Boolean::booleanValue)
                .take(MAX_ATTEMPTS)
                .last()
                .flatMap(saved -> saved ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("the view of " + id + " kept changing under " + event.type())));
    }

    private Mono<Void> announce(String kind, String id, EventEnvelope event, String status) {
        return Mono.fromRunnable(() -> changes.publish(new BoardChange(kind, id, event.type(), status, event.occurredAt())));
    }
}
