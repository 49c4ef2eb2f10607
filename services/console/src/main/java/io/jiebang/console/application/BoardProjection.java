package io.jiebang.console.application;

import io.jiebang.console.readmodel.BatchView;
import io.jiebang.console.readmodel.CategoryView;
import io.jiebang.console.readmodel.DistrictView;
import io.jiebang.console.readmodel.DigestView;
import io.jiebang.console.readmodel.OrgView;
import io.jiebang.console.readmodel.TopicBoard;
import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.TopicEvent;
import io.jiebang.events.batch.BatchEvent;
import io.jiebang.events.directory.CategoryDefined;
import io.jiebang.events.directory.DistrictRegistered;
import io.jiebang.events.directory.OrgEvent;
import io.jiebang.events.directory.StaffEvent;
import io.jiebang.platform.messaging.Inbox;
import java.util.ArrayList;
import java.util.Collection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the board's read model from every service's events, a poll at a time.
 * <ul>
 *   <li>A topic's events are applied to its stored view, read once per poll; the poll's changes to each topic
 *       are written at once. Only an event that happened before the latest applied (delivered late by another
 *       Kafka topic) refolds the topic from its timeline. A redelivered event is recognised by its producer's
 *       sequence ({@link TopicRecord}) and changes nothing.</li>
 *   <li>The organisations changed in a poll are written together, a redelivery recognised by its sequence.</li>
 *   <li>A staff account's event changes the console's local account ({@link StaffDirectory}).</li>
 *   <li>Every event is an entry of the audit trail ({@link AuditTrail}), once by its id.</li>
 *   <li>A batch view is refolded from its few events, recognising a redelivery by event id.</li>
 *   <li>A reporting period's digest ({@code ReportingPeriodClosed} from dispatch, {@code LeaderboardRecorded} from
 *       resolution: batch-wide, neither a topic's nor a batch's own event) gets the event's part where it has none
 *       yet ({@link Digests}).</li>
 * </ul>
 */
@Service
public class BoardProjection implements Inbox {

    private static final int MAX_ATTEMPTS = 50;

    private final ReadModel readModel;
    private final BoardChanges changes;
    private final Digests digests;
    private final StaffDirectory staff;
    private final AuditTrail audit;

    public BoardProjection(ReadModel readModel, BoardChanges changes, Digests digests, StaffDirectory staff,
                           AuditTrail audit) {
        this.readModel = readModel;
        this.changes = changes;
        this.digests = digests;
        this.staff = staff;
        this.audit = audit;
    }

    @Override
    public Mono<Void> handle(EventEnvelope event) {
        return handleAll(List.of(event));
    }

    @Override
    public Mono<Void> handleAll(List<EventEnvelope> events) {
        Map<String, List<EventEnvelope>> byTopic = new LinkedHashMap<>();
        Map<String, List<EventEnvelope>> byOrg = new LinkedHashMap<>();
        List<EventEnvelope> others = new ArrayList<>();
        for (EventEnvelope event : events) {
            if (event.data() instanceof TopicEvent t) {
                byTopic.computeIfAbsent(t.topicId(), id -> new ArrayList<>()).add(event);
            } else if (event.data() instanceof OrgEvent o) {
                byOrg.computeIfAbsent(o.orgId(), id -> new ArrayList<>()).add(event);
            } else {
                others.add(event);
            }
        }
        return audit.recordAll(events)
                .then(Flux.fromIterable(others).concatMap(this::handleOther).then())
                .then(byOrg.isEmpty() ? Mono.empty() : applyToOrgs(byOrg))
                .then(byTopic.isEmpty() ? Mono.empty() : applyToTopics(byTopic));
    }

    /**
     * The organisations' events of a poll applied to their stored views and written in one go; an event at or before
     * the last applied (a redelivery) changes nothing. One organisation's events share a key, so they come in order.
     */
    private Mono<Void> applyToOrgs(Map<String, List<EventEnvelope>> byOrg) {
        return readModel.orgRecords(byOrg.keySet()).flatMap(stored -> {
            List<ReadModel.OrgRecord> changed = new ArrayList<>();
            List<EventEnvelope> applied = new ArrayList<>();
            byOrg.forEach((orgId, orgEvents) -> {
                ReadModel.OrgRecord record = stored.get(orgId);
                OrgView view = record == null ? null : record.view();
                long sequence = record == null ? 0 : record.sequence();
                for (EventEnvelope event : orgEvents) {
                    OrgView next = event.sequence() > sequence ? OrgView.apply(view, (OrgEvent) event.data(), event.district())
                            : null;
                    if (next != null) {
                        view = next;
                        sequence = event.sequence();
                        applied.add(event);
                    }
                }
                if (view != null && (record == null || sequence != record.sequence())) {
                    changed.add(new ReadModel.OrgRecord(view, sequence));
                }
            });
            return changed.isEmpty() ? Mono.<Void>empty() : readModel.saveOrgs(changed).then(Flux.fromIterable(applied)
                    .concatMap(event -> announce("org", event.aggregateId(), event, null, event.district())).then());
        });
    }

    /** An empty read model is rebuilt from the beginning of every topic. */
    @Override
    public Mono<Boolean> startsFromScratch() {
        return readModel.isEmpty();
    }

    private Mono<Void> handleOther(EventEnvelope event) {
        DomainEvent data = event.data();
        if (data instanceof StaffEvent) {
            return staff.apply(event);
        }
        if (data instanceof CategoryDefined c) {
            return readModel.saveCategory(new CategoryView(c.code(), c.name(), c.nameEn(), c.classCode(), c.className(),
                    c.classNameEn())).then(announce("category", c.code(), event, null, null));
        }
        if (data instanceof DistrictRegistered d) {
            return readModel.saveDistrict(new DistrictView(d.districtId(), d.name(), d.nameEn()))
                    .then(announce("district", d.districtId(), event, null, null));
        }
        if (data instanceof BatchEvent b) {
            return withBatchEvent(b.batchId(), event, (events, revision) -> {
                BatchView view = BatchView.fold(b.batchId(), events);
                return readModel.saveBatch(view, events, revision)
                        .flatMap(saved -> saved ? announce("batch", b.batchId(), event, view.state(), view.district()).thenReturn(true) : Mono.just(false));
            });
        }
        return DigestView.part(data).map(part -> digests.record(part)
                        .flatMap(changed -> changed ? announce("digest", part.batchId(), event, null, event.district())
                                : Mono.<Void>empty()))
                .orElse(Mono.empty());
    }

    /**
     * The poll's events of each topic applied in memory and written in one go; from a topic's first event that
     * happened before its latest applied, the rest of its events follow one by one, each refolding if it must.
     */
    private Mono<Void> applyToTopics(Map<String, List<EventEnvelope>> byTopic) {
        return readModel.topicRecords(byTopic.keySet()).flatMap(stored -> {
            List<Pending> pending = new ArrayList<>();
            List<EventEnvelope> late = new ArrayList<>();
            byTopic.forEach((topicId, events) -> {
                Pending topic = new Pending(stored.getOrDefault(topicId, TopicRecord.empty(topicId)));
                for (int i = 0; i < events.size(); i++) {
                    EventEnvelope event = events.get(i);
                    if (!topic.record.hasSeen(event) && !topic.record.isLatest(event)) {
                        late.addAll(events.subList(i, events.size()));
                        break;
                    }
                    topic.applyOnTop(event);
                }
                if (topic.changed()) {
                    pending.add(topic);
                }
            });
            Mono<Void> written = pending.isEmpty() ? Mono.empty() : save(pending);
            return written.then(Flux.fromIterable(late).concatMap(this::applyLate).then());
        });
    }

    /** An event that may have happened before the latest applied: the topic is refolded from its timeline with it. */
    private Mono<Void> applyLate(EventEnvelope event) {
        String topicId = ((TopicEvent) event.data()).topicId();
        return readModel.topicRecord(topicId).defaultIfEmpty(TopicRecord.empty(topicId)).flatMap(record -> {
            if (record.hasSeen(event)) {
                return Mono.empty();
            }
            Pending topic = new Pending(record);
            if (record.isLatest(event)) {
                topic.applyOnTop(event);
                return save(List.of(topic));
            }
            return readModel.timeline(record).concatWith(Mono.just(event)).collectList()
                    .map(events -> TopicBoard.fold(topicId, events).withoutTimeline())
                    .flatMap(view -> {
                        topic.add(view, event);
                        return save(List.of(topic));
                    });
        });
    }

    /** Writes the topics, then announces their changes: a browser told of a change finds it stored. */
    private Mono<Void> save(List<Pending> topics) {
        return readModel.saveTopics(topics.stream().map(Pending::write).toList())
                .then(Mono.defer(() -> changes.publish(topics.stream().flatMap(topic -> topic.announced.stream()).toList())));
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

    private Mono<Void> announce(String kind, String id, EventEnvelope event, String status, String district) {
        return Mono.defer(() -> changes.publish(List.of(new BoardChange(kind, id, event.type(), status, event.occurredAt(),
                null, district))));
    }

    /** One topic's events of a poll applied in memory: its record after them, and what to write and announce. */
    private static final class Pending {

        private TopicRecord record;
        private final List<TopicWrite.Page> fullPages = new ArrayList<>();
        private int newInTail;
        private final List<BoardChange> announced = new ArrayList<>();

        Pending(TopicRecord record) {
            this.record = record;
        }

        /** Applies an event that happened after everything applied so far; a redelivered one changes nothing. */
        void applyOnTop(EventEnvelope event) {
            if (!record.hasSeen(event)) {
                add(TopicBoard.next(record.view(), record.id(), event), event);
            }
        }

        void add(TopicView view, EventEnvelope event) {
            if (record.tailFull()) {
                fullPages.add(new TopicWrite.Page(record.pages(), record.tail()));
                newInTail = 0;
            }
            record = record.with(view, event);
            newInTail++;
            announced.add(new BoardChange("topic", record.id(), event.type(), view.status().name(), event.occurredAt(),
                    view.status() == TopicStatus.DRAFT ? view.posterOrgId() : null, view.district()));
        }

        boolean changed() {
            return !announced.isEmpty();
        }

        TopicWrite write() {
            return new TopicWrite(record, List.copyOf(fullPages), newInTail);
        }
    }
}
