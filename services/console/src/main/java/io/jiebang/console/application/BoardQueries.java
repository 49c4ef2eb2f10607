package io.jiebang.console.application;

import io.jiebang.console.readmodel.BatchView;
import io.jiebang.console.readmodel.CategoryView;
import io.jiebang.console.readmodel.DistrictView;
import io.jiebang.console.readmodel.OrgView;
import io.jiebang.console.readmodel.TimelineEntry;
import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.Actor;
import io.jiebang.platform.domain.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the board answers from its read model; an unknown id is a 404. */
@Service
public class BoardQueries {

    private final ReadModel readModel;
    private final Clock clock;

    public BoardQueries(ReadModel readModel, Clock clock) {
        this.readModel = readModel;
        this.clock = clock;
    }

    /**
     * An open reminder (level 1) or escalation (levels 2 and 3) with its topic.
     *
     * @param since       when the clock that ran out started: the team's last activity, or the start of the stage
     *                    the topic waits in (absent for escalations raised before it was recorded)
     * @param waitedHours how long since then, by the board's clock: the breach's age
     * @param district    the topic's district
     */
    public record OpenEscalation(String escalationId, int level, String reason, Instant raisedAt, String topicId,
                                 String title, String batchId, String leadOrgId, String posterOrgId, Instant dueDate,
                                 Instant since, Long waitedHours, String district) {
    }

    /** Every organisation of every district: names, for what shows them (exports, Open311). */
    public Flux<OrgView> orgs() {
        return readModel.orgs();
    }

    /** The organisations of the reader's district ({@link ReadRules#districtScope}). */
    public Flux<OrgView> orgs(Actor reader, String district) {
        return Mono.fromCallable(() -> Optional.ofNullable(ReadRules.districtScope(reader, district)))
                .flatMapMany(only -> readModel.orgs().filter(org -> only.isEmpty() || only.get().equals(org.district())));
    }

    public Flux<DistrictView> districts() {
        return readModel.districts();
    }

    /** The taxonomy, shared by every district. */
    public Flux<CategoryView> categories() {
        return readModel.categories();
    }

    /** The batches of the reader's district ({@link ReadRules#districtScope}), the newest first. */
    public Flux<BatchView> batches(Actor reader, String district) {
        return Mono.fromCallable(() -> Optional.ofNullable(ReadRules.districtScope(reader, district)))
                .flatMapMany(only -> readModel.batches().filter(batch -> only.isEmpty() || only.get().equals(batch.district())));
    }

    /**
     * Refuses a batch of another district than the reader's as unknown; one the read model has not heard of yet passes
     * (what is asked of it is then checked, or empty).
     */
    public Mono<Void> requireReadableBatch(String id, Actor reader) {
        return readModel.batch(id).filter(batch -> !ReadRules.mayReadDistrict(reader, batch.district()))
                .flatMap(batch -> Mono.error(Rejection.notFound("batch-not-found", "no batch {0}", id)));
    }

    /** A batch the reader may read; another district's is as unknown as one that does not exist. */
    public Mono<BatchView> batch(String id, Actor reader) {
        return readModel.batch(id).filter(batch -> ReadRules.mayReadDistrict(reader, batch.district()))
                .switchIfEmpty(Mono.error(Rejection.notFound("batch-not-found", "no batch {0}", id)));
    }

    /** A topic as the reader may see it; one they may not see is as unknown as one that does not exist. */
    public Mono<TopicView> topic(String id, Actor reader) {
        return readModel.topic(id).filter(topic -> ReadRules.maySee(reader, topic))
                .map(topic -> ReadRules.redact(reader, topic))
                .switchIfEmpty(Mono.error(Rejection.notFound("topic-not-found", "no topic {0}", id)));
    }

    public Mono<List<TimelineEntry>> timeline(String id, Actor reader) {
        return readModel.wholeTopic(id).filter(topic -> ReadRules.maySee(reader, topic))
                .map(topic -> ReadRules.redact(reader, topic, topic.timeline()))
                .switchIfEmpty(Mono.error(Rejection.notFound("topic-not-found", "no topic {0}", id)));
    }

    /** Open311's service requests: published topics, which every reader may see (drafts are never requests). */
    public Mono<ReadModel.Page<TopicView>> serviceRequests(ServiceRequestQuery query) {
        return readModel.serviceRequests(query);
    }

    /** A page of the topics the reader may see, as they may see them. */
    public Mono<ReadModel.Page<TopicView>> topics(TopicQuery query, Actor reader) {
        return Mono.fromCallable(() -> query.inDistrict(ReadRules.districtScope(reader, query.district())))
                .flatMap(scoped -> scopedTopics(scoped, reader));
    }

    private Mono<ReadModel.Page<TopicView>> scopedTopics(TopicQuery query, Actor reader) {
        if (query.size() < 1 || query.size() > TopicQuery.MAX_SIZE) {
            return Mono.error(Rejection.invalid("size", "page-size-out-of-range", "a page has 1 to {0} topics",
                    TopicQuery.MAX_SIZE));
        }
        if (query.page() < 0) {
            return Mono.error(Rejection.invalid("page", "page-negative", "pages are counted from 0"));
        }
        if (query.text() != null && query.text().length() > 200) {
            return Mono.error(Rejection.invalid("q", "search-too-long", "search for at most 200 characters"));
        }
        return readModel.topics(query.seeing(ReadRules.drafts(reader)))
                .map(page -> new ReadModel.Page<>(page.items().stream().filter(topic -> ReadRules.maySee(reader, topic))
                        .map(topic -> ReadRules.redact(reader, topic)).toList(), page.total(), page.page(), page.size()));
    }

    /**
     * A solved topic like the one being written (参考已解决的相似榜单): what it was, how it was solved and by whom.
     * {@code solvedAt}: when its resolution was accepted.
     */
    public record Suggestion(String topicId, String batchId, String title, TopicStatus status, String leadOrgId,
                             List<String> coClaimantOrgIds, String resolutionSummary, Instant solvedAt) {
    }

    public static final int MAX_SUGGESTIONS = 20;

    /** The solved topics most like this text that the reader may see, the most alike first. */
    public Flux<Suggestion> similarSolved(String text, int limit, Actor reader) {
        if (text == null || text.isBlank()) {
            return Flux.error(Rejection.invalid("text", "suggestion-text-missing", "say what the new topic is about"));
        }
        if (text.length() > 2000) {
            return Flux.error(Rejection.invalid("text", "suggestion-text-too-long", "ask with at most 2000 characters"));
        }
        if (limit < 1 || limit > MAX_SUGGESTIONS) {
            return Flux.error(Rejection.invalid("limit", "suggestion-limit-out-of-range", "ask for 1 to {0} suggestions",
                    MAX_SUGGESTIONS));
        }
        return readModel.similarSolved(text, limit, ReadRules.districtScope(reader, null))
                .filter(topic -> ReadRules.maySee(reader, topic))
                .map(topic -> new Suggestion(topic.id(), topic.batchId(), topic.title(), topic.status(), topic.leadOrgId(),
                        topic.coClaimantOrgIds(), topic.resolution() == null ? null : topic.resolution().summary(),
                        topic.resolution() == null ? null : topic.resolution().decidedAt()));
    }

    public Flux<OpenEscalation> escalations(String batchId, Integer level, Actor reader, String district) {
        if (level != null && (level < 1 || level > 3)) {
            return Flux.error(Rejection.invalid("level", "unknown-escalation-level",
                    "levels are 1 (reminder), 2 (coordinator) and 3 (leadership)"));
        }
        Instant now = clock.instant();
        return Mono.fromCallable(() -> Optional.ofNullable(ReadRules.districtScope(reader, district)))
                .flatMapMany(only -> readModel.escalated(batchId, only.orElse(null)))
                .flatMapIterable(topic -> topic.openEscalations().stream()
                        .filter(e -> level == null || e.level() == level)
                        .map(e -> new OpenEscalation(e.escalationId(), e.level(), e.reason(), e.raisedAt(), topic.id(),
                                topic.title(), topic.batchId(), topic.leadOrgId(), topic.posterOrgId(), topic.dueDate(),
                                e.since(), e.since() == null ? null : Duration.between(e.since(), now).toHours(),
                                topic.district()))
                        .toList());
    }
}
