package io.jiebang.console.application;

import io.jiebang.console.domain.BatchView;
import io.jiebang.console.domain.CategoryView;
import io.jiebang.console.domain.OrgView;
import io.jiebang.console.domain.TopicBoard;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.TopicEvent;
import io.jiebang.events.batch.BatchEvent;
import io.jiebang.events.directory.CategoryDefined;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.platform.messaging.Inbox;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Keeps the board's read model from every service's events. Each view keeps the events it was folded
 * from, so a redelivered event is recognised by its id and changes nothing.
 */
@Service
public class BoardProjection implements Inbox {

    private final ReadModel readModel;
    private final BoardChanges changes;

    public BoardProjection(ReadModel readModel, BoardChanges changes) {
        this.readModel = readModel;
        this.changes = changes;
    }

    @Override
    public Mono<Void> apply(EventEnvelope event) {
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
            return withEvent(ReadModel.Kind.BATCH, b.batchId(), event, events -> {
                BatchView view = BatchView.fold(b.batchId(), events);
                return readModel.saveBatch(view, events).then(announce("batch", b.batchId(), event, view.state()));
            });
        }
        if (data instanceof TopicEvent t) {
            return withEvent(ReadModel.Kind.TOPIC, t.topicId(), event, events -> {
                var view = TopicBoard.fold(t.topicId(), events);
                return readModel.saveTopic(view, events).then(announce("topic", t.topicId(), event, view.status().name()));
            });
        }
        return Mono.empty();
    }

    /** An empty read model is rebuilt from the beginning of every topic. */
    @Override
    public Mono<Boolean> startsFromScratch() {
        return readModel.isEmpty();
    }

    private Mono<Void> withEvent(ReadModel.Kind kind, String id, EventEnvelope event,
                                 java.util.function.Function<List<EventEnvelope>, Mono<Void>> save) {
        return readModel.eventsOf(kind, id).flatMap(known -> {
            if (known.stream().anyMatch(e -> e.eventId().equals(event.eventId()))) {
                return Mono.empty();
            }
            List<EventEnvelope> events = new ArrayList<>(known);
            events.add(event);
            return save.apply(events);
        });
    }

    private Mono<Void> announce(String kind, String id, EventEnvelope event, String status) {
        return Mono.fromRunnable(() -> changes.publish(new BoardChange(kind, id, event.type(), status, event.occurredAt())));
    }
}
