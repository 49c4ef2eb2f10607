package io.jiebang.resolution.domain;

import io.jiebang.platform.domain.BatchSet;
import java.util.Set;
import io.jiebang.events.Actor;
import io.jiebang.events.Direction;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.Verdict;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicWithdrawn;
import io.jiebang.events.resolution.EvaluationClosed;
import io.jiebang.events.resolution.EvaluationLinksIssued;
import io.jiebang.events.resolution.EvaluationVoteCast;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.events.resolution.TopicClosed;
import io.jiebang.events.resolution.TopicReopened;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.domain.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A topic's closure (销号) and evaluation (评议), round by round: the lead submits a resolution, the poster
 * accepts or rejects it, residents vote through one-time links, and under two thirds satisfied the topic
 * goes back for another round. Also keeps the facts the rates are counted from.
 */
public final class Case implements Aggregate {

    public static final int MAX_LINKS = 200;

    public enum Status {
        /** Published, not (or no longer) awarded. */
        OPEN,
        /** Awarded: the lead works on it. */
        IN_PROGRESS,
        RESOLUTION_SUBMITTED,
        /** Accepted; the evaluation window is open. */
        RESOLVED,
        CLOSED,
        WITHDRAWN
    }

    private final String topicId;
    private TopicPublished topic;
    private Status status = Status.OPEN;
    private int round = 1;
    private String leadOrgId;
    private List<String> coClaimantOrgIds = List.of();
    private boolean everAwarded;
    private boolean awardedThroughClaimInWindow;
    private String pendingResolutionId;
    private Instant acceptedAt;
    private boolean acceptedOnTime;
    private Instant evaluationClosesAt;
    private final Map<Verdict, Integer> roundVotes = new EnumMap<>(Verdict.class);
    private final Map<Verdict, Integer> allVotes = new EnumMap<>(Verdict.class);

    public Case(String topicId) {
        this.topicId = topicId;
    }

    public List<DomainEvent> submit(Actor actor, String resolutionId, String summary, String evidence) {
        requireKnown();
        if (leadOrgId == null) {
            throw Rejection.conflict("topic-not-awarded", "topic {0} has no awarded organisation", topicId);
        }
        if (!actor.actsFor(leadOrgId)) {
            throw Rejection.forbidden("not-the-lead", "only staff of the awarded lead submit its resolution");
        }
        if (status != Status.IN_PROGRESS) {
            throw Rejection.conflict("not-in-progress", "a resolution is submitted for a topic in progress; it is {0}", status);
        }
        if (summary == null || summary.isBlank()) {
            throw Rejection.invalid("summary", "summary-missing", "a resolution needs a summary");
        }
        return List.of(new ResolutionSubmitted(topicId, round, resolutionId, leadOrgId, summary.strip(),
                evidence == null || evidence.isBlank() ? null : evidence.strip()));
    }

    /** The poster accepts: RESOLVED, on time if by the due date, and the evaluation window opens. */
    public List<DomainEvent> accept(Actor actor, Instant now, Duration evaluationWindow) {
        requirePosterVerdict(actor);
        boolean onTime = !now.isAfter(topic.dueDate());
        return List.of(new ResolutionAccepted(topicId, round, pendingResolutionId, leadOrgId, onTime, now.plus(evaluationWindow)));
    }

    public List<DomainEvent> reject(Actor actor, String reason) {
        requirePosterVerdict(actor);
        if (reason == null || reason.isBlank()) {
            throw Rejection.invalid("reason", "reason-missing", "a rejection needs a reason");
        }
        return List.of(new ResolutionRejected(topicId, round, pendingResolutionId, reason.strip()));
    }

    /** The poster asks for one-time links for residents (and itself) to vote with. */
    public List<DomainEvent> issueLinks(Actor actor, int count, Instant expiresAt) {
        requirePoster(actor);
        requireEvaluationOpen();
        if (count < 1 || count > MAX_LINKS) {
            throw Rejection.invalid("count", "link-count-out-of-range", "ask for 1 to {0} links", MAX_LINKS);
        }
        return List.of(new EvaluationLinksIssued(topicId, round, count, expiresAt));
    }

    /** A vote through a link issued for this round, while the window is open. */
    public List<DomainEvent> vote(int linkRound, String voteId, Verdict verdict, String comment, Instant now) {
        requireKnown();
        if (linkRound != round || status != Status.RESOLVED) {
            throw Rejection.conflict("evaluation-closed", "this evaluation is closed");
        }
        if (!now.isBefore(evaluationClosesAt)) {
            throw Rejection.conflict("evaluation-window-ended", "the evaluation window has ended");
        }
        return List.of(new EvaluationVoteCast(topicId, round, voteId, verdict,
                comment == null || comment.isBlank() ? null : comment.strip()));
    }

    /** The poster or a coordinator ends the evaluation. */
    public List<DomainEvent> close(Actor actor) {
        requireKnown();
        if (!actor.isCoordinator() && !actor.actsFor(topic.posterOrgId())) {
            throw Rejection.forbidden("not-poster-or-coordinator", "only the poster or a coordinator ends the evaluation");
        }
        requireEvaluationOpen();
        return outcome(EvaluationClosed.Cause.CLOSED_BY_USER);
    }

    /** The evaluation window ends by itself. */
    public List<DomainEvent> windowEnded(Instant now) {
        if (status != Status.RESOLVED || now.isBefore(evaluationClosesAt)) {
            return List.of();
        }
        return outcome(EvaluationClosed.Cause.WINDOW_ENDED);
    }

    /** Two thirds satisfied (satisfied + basically satisfied), or no vote at all: CLOSED; otherwise another round. */
    private List<DomainEvent> outcome(EvaluationClosed.Cause cause) {
        int satisfied = roundVotes.getOrDefault(Verdict.SATISFIED, 0);
        int basically = roundVotes.getOrDefault(Verdict.BASICALLY_SATISFIED, 0);
        int dissatisfied = roundVotes.getOrDefault(Verdict.DISSATISFIED, 0);
        boolean closes = 3 * (satisfied + basically) >= 2 * (satisfied + basically + dissatisfied);
        List<DomainEvent> events = new ArrayList<>();
        events.add(new EvaluationClosed(topicId, round, satisfied, basically, dissatisfied,
                closes ? EvaluationClosed.Outcome.CLOSED : EvaluationClosed.Outcome.REOPENED, cause));
        events.add(closes ? new TopicClosed(topicId, round) : new TopicReopened(topicId, round, round + 1));
        return events;
    }

    @Override
    public void apply(EventEnvelope event) {
        DomainEvent data = event.data();
        if (data instanceof TopicPublished published) {
            topic = published;
        } else if (data instanceof ClaimAwarded awarded) {
            award(awarded.round(), awarded.leadOrgId(), awarded.coClaimantOrgIds());
            awardedThroughClaimInWindow |= awarded.withinClaimWindow();
        } else if (data instanceof TopicAssigned assigned) {
            award(assigned.round(), assigned.orgId(), List.of());
        } else if (data instanceof AwardWithdrawn) {
            status = Status.OPEN;
            leadOrgId = null;
        } else if (data instanceof TopicWithdrawn) {
            status = Status.WITHDRAWN;
        } else if (data instanceof RoundOpened opened) {
            round = opened.round();
            status = Status.OPEN;
            leadOrgId = null;
            coClaimantOrgIds = List.of();
            roundVotes.clear();
        } else if (data instanceof ResolutionSubmitted submitted) {
            status = Status.RESOLUTION_SUBMITTED;
            pendingResolutionId = submitted.resolutionId();
        } else if (data instanceof ResolutionRejected) {
            status = Status.IN_PROGRESS;
            pendingResolutionId = null;
        } else if (data instanceof ResolutionAccepted accepted) {
            status = Status.RESOLVED;
            acceptedAt = event.occurredAt();
            acceptedOnTime = accepted.onTime();
            evaluationClosesAt = accepted.evaluationClosesAt();
        } else if (data instanceof EvaluationVoteCast vote) {
            roundVotes.merge(vote.verdict(), 1, Integer::sum);
            allVotes.merge(vote.verdict(), 1, Integer::sum);
        } else if (data instanceof TopicClosed) {
            status = Status.CLOSED;
        } else if (data instanceof TopicReopened) {
            // Not resolved any more; claiming opens the next round (RoundOpened).
            status = Status.OPEN;
            acceptedAt = null;
            acceptedOnTime = false;
        } else if (data instanceof EvaluationLinksIssued || data instanceof EvaluationClosed) {
            return;
        }
    }

    private void award(int awardedRound, String lead, List<String> coClaimants) {
        round = awardedRound;
        leadOrgId = lead;
        coClaimantOrgIds = List.copyOf(coClaimants);
        status = Status.IN_PROGRESS;
        everAwarded = true;
    }

    /** The facts of this topic that the rates and the leaderboard are counted from. */
    public TopicFacts facts() {
        return new TopicFacts(topicId, topic.batchId(), topic.posterOrgId(), topic.direction(), topic.category(),
                topic.dueDate(), leadOrgId, coClaimantOrgIds, status == Status.WITHDRAWN, everAwarded,
                awardedThroughClaimInWindow, status == Status.RESOLVED || status == Status.CLOSED, acceptedAt,
                acceptedOnTime, Map.copyOf(allVotes));
    }

    /** Its batch's topics (for the standings) and, while resolved, those whose evaluation window may end. */
    @Override
    public Set<String> sets() {
        if (topic == null) {
            return Set.of();
        }
        return status == Status.RESOLVED ? Set.of(BatchSet.of(topic.batchId()), RESOLVED) : Set.of(BatchSet.of(topic.batchId()));
    }

    public static final String RESOLVED = "resolved";

    public boolean isKnown() {
        return topic != null;
    }

    public String batchId() {
        return topic == null ? null : topic.batchId();
    }

    public Direction direction() {
        return topic.direction();
    }

    public Status status() {
        return status;
    }

    public int round() {
        return round;
    }

    public Instant evaluationClosesAt() {
        return evaluationClosesAt;
    }

    private void requireKnown() {
        if (topic == null) {
            throw Rejection.notFound("topic-not-found", "no published topic {0}", topicId);
        }
    }

    private void requirePoster(Actor actor) {
        requireKnown();
        if (!actor.actsFor(topic.posterOrgId())) {
            throw Rejection.forbidden("not-the-poster", "only staff of {0} can do this", topic.posterOrgId());
        }
    }

    private void requirePosterVerdict(Actor actor) {
        requirePoster(actor);
        if (status != Status.RESOLUTION_SUBMITTED) {
            throw Rejection.conflict("no-resolution-pending", "there is no resolution waiting for a verdict; the topic is {0}",
                    status);
        }
    }

    private void requireEvaluationOpen() {
        if (status != Status.RESOLVED) {
            throw Rejection.conflict("evaluation-not-open", "the topic is not in its evaluation; it is {0}", status);
        }
    }
}
