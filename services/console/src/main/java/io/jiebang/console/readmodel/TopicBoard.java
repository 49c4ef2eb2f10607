package io.jiebang.console.readmodel;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.RoundEvent;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.CoClaimantAccepted;
import io.jiebang.events.claim.CoClaimantDeclined;
import io.jiebang.events.claim.ClaimDeclined;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.events.claim.ClaimWithdrawn;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicUnclaimed;
import io.jiebang.events.claim.TopicWithdrawn;
import io.jiebang.events.dispatch.EscalationCleared;
import io.jiebang.events.dispatch.EscalationRaised;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.resolution.AppealDecided;
import io.jiebang.events.resolution.AppealLodged;
import io.jiebang.events.resolution.EvaluationClosed;
import io.jiebang.events.resolution.EvaluationLinksIssued;
import io.jiebang.events.resolution.EvaluationVoteCast;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.events.resolution.TopicClosed;
import io.jiebang.events.resolution.TopicReopened;
import io.jiebang.events.topic.TopicPosted;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.GeoPoint;
import io.jiebang.events.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a topic's events, from every service, into what the board shows. The events are taken in the order
 * they happened (time, then each producer's sequence), so the view is right whichever Kafka topic delivered
 * first.
 */
public final class TopicBoard {

    /** Events about the topic, as the board receives them. */
    public static final Comparator<EventEnvelope> HAPPENED = Comparator.comparing(EventEnvelope::occurredAt)
            .thenComparing(e -> e.source() == null ? "" : e.source())
            .thenComparingLong(EventEnvelope::sequence);

    private TopicBoard() {
    }

    /** Whether the board keeps this event on a topic's timeline. */
    public static boolean concernsTopic(DomainEvent event) {
        return event instanceof io.jiebang.events.TopicEvent;
    }

    /** The topic as its events, in any order, make it, with its whole timeline. */
    public static TopicView fold(String topicId, List<EventEnvelope> events) {
        List<EventEnvelope> ordered = new ArrayList<>(events);
        ordered.sort(HAPPENED);
        Draft draft = new Draft(topicId);
        ordered.forEach(draft::apply);
        return draft.view(ordered.stream().map(TopicBoard::timelineEntry).toList());
    }

    /**
     * The view after one more event that happened after every event already in it: what the board does for
     * each event, at a cost that does not grow with the topic's history. The view carries no timeline; it
     * is kept apart, page by page.
     */
    public static TopicView next(TopicView current, String topicId, EventEnvelope event) {
        Draft draft = current == null ? new Draft(topicId) : new Draft(current);
        draft.apply(event);
        return draft.view(List.of());
    }

    /** How an event shows on a topic's timeline. */
    public static TimelineEntry timelineEntry(EventEnvelope envelope) {
        DomainEvent e = envelope.data();
        return new TimelineEntry(envelope.eventId(), envelope.type(), envelope.occurredAt(),
                e instanceof RoundEvent roundEvent ? roundEvent.round() : null, envelope.actor().userId(),
                envelope.actor().orgId(), envelope.actor().role().name(), envelope.source(), e);
    }

    /** The view as it is being changed: the fields of {@link TopicView}, open for one event at a time. */
    private static final class Draft {
        final String id;
        String batchId;
        String posterOrgId;
        Direction direction;
        String title;
        String description;
        String category;
        String expectedOutcome;
        Instant dueDate;
        Priority priority;
        String location;
        GeoPoint point;
        ClaimMode claimMode;
        int maxCoClaimants;
        TopicStatus status = TopicStatus.DRAFT;
        int round = 1;
        Instant postedAt;
        Instant publishedAt;
        Instant updatedAt;
        final Map<String, TopicView.Claim> claims = new LinkedHashMap<>();
        TopicView.Award award;
        TopicView.Progress progress;
        TopicView.Resolution resolution;
        TopicView.Evaluation evaluation;
        final Map<String, TopicView.Escalation> escalations = new LinkedHashMap<>();
        TopicView.Appeal appeal;
        String district;

        Draft(String id) {
            this.id = id;
        }

        Draft(TopicView v) {
            this(v.id());
            batchId = v.batchId();
            posterOrgId = v.posterOrgId();
            direction = v.direction();
            title = v.title();
            description = v.description();
            category = v.category();
            expectedOutcome = v.expectedOutcome();
            dueDate = v.dueDate();
            priority = v.priority();
            location = v.location();
            point = v.point();
            claimMode = v.claimMode();
            maxCoClaimants = v.maxCoClaimants();
            status = v.status();
            round = v.round();
            postedAt = v.postedAt();
            publishedAt = v.publishedAt();
            updatedAt = v.updatedAt();
            v.claims().forEach(c -> claims.put(c.claimId(), c));
            award = v.award();
            progress = v.progress();
            resolution = v.resolution();
            evaluation = v.evaluation();
            v.openEscalations().forEach(e -> escalations.put(e.escalationId(), e));
            appeal = v.appeal();
            district = v.district();
        }

        void apply(EventEnvelope envelope) {
            DomainEvent e = envelope.data();
            Instant at = envelope.occurredAt();
            updatedAt = at;
            if (district == null) {
                district = envelope.district();
            }
            if (e instanceof TopicPosted p) {
                posted(p);
                postedAt = at;
            } else if (e instanceof TopicPublished p) {
                if (postedAt == null) {
                    // Published without its draft (posted before the board listened): what the publication says.
                    batchId = p.batchId();
                    posterOrgId = p.posterOrgId();
                    direction = p.direction();
                    title = p.title();
                    category = p.category();
                    dueDate = p.dueDate();
                    claimMode = p.claimMode();
                    maxCoClaimants = p.maxCoClaimants();
                }
                publishedAt = at;
                status = TopicStatus.OPEN;
            } else if (e instanceof ClaimSubmitted c) {
                claims.put(c.claimId(), new TopicView.Claim(c.claimId(), c.round(), c.leadOrgId(), c.coClaimantOrgIds(),
                        c.plan(), c.committedDate(), c.withinClaimWindow(), "SUBMITTED", at, null, List.of(), List.of()));
            } else if (e instanceof CoClaimantAccepted a) {
                claims.computeIfPresent(a.claimId(), (id, c) -> c.answered(a.orgId(), true));
                if (a.joinsTeam() && award != null && a.claimId().equals(award.claimId())) {
                    award = award.joinedBy(a.orgId());
                }
            } else if (e instanceof CoClaimantDeclined d) {
                claims.computeIfPresent(d.claimId(), (id, c) -> c.answered(d.orgId(), false));
            } else if (e instanceof ClaimAwarded c) {
                claimStatus(c.claimId(), "AWARDED", null);
                award = new TopicView.Award(c.round(), c.claimId(), c.leadOrgId(), c.coClaimantOrgIds(), c.committedDate(), at,
                        c.awardedBy().name());
                status = TopicStatus.AWARDED;
            } else if (e instanceof TopicAssigned a) {
                award = new TopicView.Award(a.round(), null, a.orgId(), List.of(), a.committedDate(), at, "COORDINATOR");
                status = TopicStatus.AWARDED;
            } else if (e instanceof ClaimDeclined c) {
                claimStatus(c.claimId(), "DECLINED", c.reason());
            } else if (e instanceof ClaimWithdrawn c) {
                claimStatus(c.claimId(), "WITHDRAWN", null);
            } else if (e instanceof AwardWithdrawn a) {
                claimStatus(a.claimId(), "WITHDRAWN", a.reason());
                award = null;
            } else if (e instanceof RoundOpened r) {
                round = r.round();
                status = TopicStatus.OPEN;
                award = null;
                progress = null;
                resolution = null;
            } else if (e instanceof TopicWithdrawn) {
                status = TopicStatus.WITHDRAWN;
            } else if (e instanceof TopicUnclaimed) {
                status = TopicStatus.UNCLAIMED;
            } else if (e instanceof ProgressReported p) {
                progress = new TopicView.Progress(p.percent(), p.note(), p.milestone(), p.orgId(), at,
                        progress == null ? 1 : progress.reports() + 1);
                if (status == TopicStatus.AWARDED) {
                    status = TopicStatus.IN_PROGRESS;
                }
            } else if (e instanceof EscalationRaised r) {
                escalations.put(r.escalationId(), new TopicView.Escalation(r.escalationId(), r.level(), r.reason().name(), at, r.since()));
            } else if (e instanceof EscalationCleared c) {
                c.escalationIds().forEach(escalations::remove);
            } else if (e instanceof ResolutionSubmitted r) {
                resolution = new TopicView.Resolution(r.round(), r.resolutionId(), r.orgId(), r.summary(), r.evidence(),
                        "SUBMITTED", at, null, null, null);
                status = TopicStatus.RESOLUTION_SUBMITTED;
            } else if (e instanceof ResolutionRejected r) {
                resolution = decided("REJECTED", at, r.reason(), null);
                status = TopicStatus.IN_PROGRESS;
                if (r.appealableUntil() != null) {
                    appealable(AppealLodged.Subject.REJECTED_RESOLUTION, r.round(), r.appealableUntil(), null, null, null);
                }
            } else if (e instanceof ResolutionAccepted r) {
                resolution = decided("ACCEPTED", at, null, r.onTime());
                var rules = r.evaluationSettings();
                Instant minimumEnds = at.plus(java.time.Duration.ofHours(rules.minimumWindowHours()));
                evaluation = new TopicView.Evaluation(r.round(), true, r.evaluationClosesAt(), 0, 0, 0, 0, null,
                        rules.quorum(), rules.linksPerRound(),
                        minimumEnds.isBefore(r.evaluationClosesAt()) ? minimumEnds : r.evaluationClosesAt(), null, null);
                status = TopicStatus.RESOLVED;
            } else if (e instanceof EvaluationLinksIssued l && evaluation != null) {
                evaluation = evaluation.withLinks(l.count());
            } else if (e instanceof EvaluationVoteCast v && evaluation != null) {
                evaluation = evaluation.withVote(v.verdict());
            } else if (e instanceof EvaluationClosed c) {
                evaluation = new TopicView.Evaluation(c.round(), false, evaluation == null ? at : evaluation.closesAt(),
                        evaluation == null ? 0 : evaluation.linksIssued(), c.satisfied(), c.basicallySatisfied(),
                        c.dissatisfied(), c.outcome().name(),
                        evaluation == null ? Integer.valueOf(io.jiebang.events.batch.EvaluationSettings.DEFAULTS.quorum()) : evaluation.quorum(),
                        evaluation == null ? Integer.valueOf(io.jiebang.events.batch.EvaluationSettings.DEFAULTS.linksPerRound()) : evaluation.linksPerRound(),
                        evaluation == null ? null : evaluation.earliestCloseAt(), c.cause().name(), c.reason());
                if (c.outcome() == EvaluationClosed.Outcome.REOPENED && c.appealableUntil() != null) {
                    // What an overturning appeal shows again: the round's team, its accepted resolution and last report.
                    appealable(AppealLodged.Subject.EVALUATION_OUTCOME, c.round(), c.appealableUntil(), award, resolution,
                            progress);
                }
            } else if (e instanceof TopicClosed) {
                status = evaluation != null && EvaluationClosed.Outcome.INCONCLUSIVE.name().equals(evaluation.outcome())
                        ? TopicStatus.CLOSED_UNRATED : TopicStatus.CLOSED;
            } else if (e instanceof TopicReopened) {
                status = TopicStatus.REOPENED;
            } else if (e instanceof AppealLodged a) {
                TopicView.Appeal known = appeal != null && appeal.round() == a.round()
                        && appeal.subject().equals(a.subject().name()) && appeal.appealId() == null ? appeal
                        : new TopicView.Appeal(TopicView.Appeal.APPEALABLE, a.subject().name(), a.round(), a.orgId(), null,
                                null, null, null, null, null, null, null, null, null, null);
                appeal = known.lodged(a.appealId(), a.orgId(), a.reason(), a.evidence(), at);
            } else if (e instanceof AppealDecided d && appeal != null && d.appealId().equals(appeal.appealId())) {
                appeal = appeal.decided(d.ruling().name(), d.reason(), at);
                if (d.overturned() && d.subject() == AppealLodged.Subject.EVALUATION_OUTCOME) {
                    // The reopening is undone: the appealed round's team solved the topic, which closes next.
                    round = appeal.round();
                    award = appeal.award();
                    resolution = appeal.resolution();
                    progress = appeal.progress();
                }
            }
        }

        /**
         * A decision of the round its lead may appeal until {@code until}; a round's appeal already lodged stays (one
         * appeal per round).
         */
        private void appealable(AppealLodged.Subject subject, int ofRound, Instant until, TopicView.Award awardBefore,
                                TopicView.Resolution resolutionBefore, TopicView.Progress progressBefore) {
            if (appeal != null && appeal.round() == ofRound && appeal.appealId() != null) {
                return;
            }
            appeal = new TopicView.Appeal(TopicView.Appeal.APPEALABLE, subject.name(), ofRound,
                    awardBefore != null ? awardBefore.leadOrgId() : award != null ? award.leadOrgId()
                            : resolution != null ? resolution.orgId() : null,
                    until, null, null, null, null, null, null, null, awardBefore, resolutionBefore, progressBefore);
        }

        private TopicView.Resolution decided(String outcome, Instant at, String reason, Boolean onTime) {
            TopicView.Resolution r = resolution;
            return r == null ? null : new TopicView.Resolution(r.round(), r.resolutionId(), r.orgId(), r.summary(),
                    r.evidence(), outcome, r.submittedAt(), at, reason, onTime);
        }

        private void claimStatus(String claimId, String newStatus, String reason) {
            claims.computeIfPresent(claimId, (id, c) -> c.with(newStatus, reason));
        }

        private void posted(TopicPosted p) {
            batchId = p.batchId();
            posterOrgId = p.posterOrgId();
            direction = p.direction();
            title = p.title();
            description = p.description();
            category = p.category();
            expectedOutcome = p.expectedOutcome();
            dueDate = p.dueDate();
            priority = p.priority();
            location = p.location();
            point = p.point();
            claimMode = p.claimMode();
            maxCoClaimants = p.maxCoClaimants();
        }

        TopicView view(List<TimelineEntry> timeline) {
            List<TopicView.Escalation> open = List.copyOf(escalations.values());
            return new TopicView(id, batchId, posterOrgId, direction, title, description, category, expectedOutcome,
                    dueDate, priority, location, point, claimMode, maxCoClaimants, status, round, postedAt, publishedAt, updatedAt,
                    award == null ? null : award.leadOrgId(),
                    award == null ? List.of() : award.coClaimantOrgIds(),
                    List.copyOf(claims.values()), award, progress, progress == null ? 0 : progress.percent(),
                    resolution, evaluation, open,
                    open.stream().mapToInt(TopicView.Escalation::level).max().orElse(0),
                    timeline, timeline.size(), appeal, district);
        }
    }
}
