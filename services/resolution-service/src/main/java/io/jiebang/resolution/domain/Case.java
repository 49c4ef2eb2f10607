package io.jiebang.resolution.domain;

import io.jiebang.platform.domain.BatchSet;
import java.util.Set;
import io.jiebang.events.Actor;
import io.jiebang.events.Direction;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.Verdict;
import io.jiebang.events.batch.EvaluationSettings;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.CoClaimantAccepted;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicWithdrawn;
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
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.domain.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A topic's closure (销号) and evaluation (评议), round by round: the lead submits a resolution, the poster
 * accepts or rejects it, residents vote through one-time links, and under two thirds satisfied the topic
 * goes back for another round. Also keeps the facts the rates are counted from.
 * <p>
 * An evaluation runs under its batch's {@link EvaluationSettings}, fixed when the resolution is accepted: the poster
 * asks for at most {@code linksPerRound} links in a round; the poster's own vote (a link used while signed in as
 * the poster's staff) counts once per round; the poster closes it only once it has the quorum and has been open
 * for the minimum window, a coordinator earlier with a reason; and one that ends with fewer votes than the quorum
 * is INCONCLUSIVE: the topic is CLOSED_UNRATED and its votes count in no satisfaction figure.
 * <p>
 * The lead may appeal (申诉) a rejection of its resolution or an evaluation that reopened the topic, once per round,
 * until the decision's appeal window ends; a coordinator upholds or overturns it (复核). Overturned, a rejected
 * resolution counts as accepted when it was rejected, and a reopening is undone: the topic closes, resolved by the
 * appealed round's team, and the appealed evaluation's votes count in no satisfaction figure.
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
        /** Closed after an evaluation with fewer votes than its quorum: resolved, but not rated. */
        CLOSED_UNRATED,
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
    private EvaluationSettings evaluationSettings = EvaluationSettings.DEFAULTS;
    private Instant earliestCloseAt;
    private int linksIssuedThisRound;
    private boolean posterVotedThisRound;
    private boolean lastEvaluationInconclusive;
    private final Map<Verdict, Integer> roundVotes = new EnumMap<>(Verdict.class);
    private final Map<Verdict, Integer> allVotes = new EnumMap<>(Verdict.class);
    private Appealable appealable;
    private AppealLodged pendingAppeal;
    private final Set<Integer> appealedRounds = new HashSet<>();
    private final Set<String> decidedAppeals = new HashSet<>();
    private boolean overturnedOnAppeal;

    /**
     * The newest decision the lead may appeal, with what an overturn restores: the team and acceptance of the
     * appealed round, and the votes of its evaluation.
     */
    private record Appealable(AppealLodged.Subject subject, int round, Instant decidedAt, Instant until, String leadOrgId,
                              List<String> coClaimantOrgIds, String resolutionId, Instant acceptedAt, boolean acceptedOnTime,
                              Map<Verdict, Integer> votes) {
    }

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
        if (pendingAppeal != null) {
            throw Rejection.conflict("appeal-pending", "an appeal of this topic waits for a coordinator to rule on it");
        }
        if (summary == null || summary.isBlank()) {
            throw Rejection.invalid("summary", "summary-missing", "a resolution needs a summary");
        }
        return List.of(new ResolutionSubmitted(topicId, round, resolutionId, leadOrgId, summary.strip(),
                evidence == null || evidence.isBlank() ? null : evidence.strip()));
    }

    /**
     * The poster accepts: RESOLVED, on time if by the due date, and the evaluation window opens under the batch's
     * evaluation settings (recorded in the event, so the rules of this evaluation stay what they were).
     */
    public List<DomainEvent> accept(Actor actor, Instant now, Duration evaluationWindow, EvaluationSettings settings) {
        requirePosterVerdict(actor);
        boolean onTime = !now.isAfter(topic.dueDate());
        return List.of(new ResolutionAccepted(topicId, round, pendingResolutionId, leadOrgId, onTime, now.plus(evaluationWindow),
                EvaluationSettings.orDefaults(settings)));
    }

    /** The poster rejects the resolution: the lead works on, and may appeal until {@code now + appealWindow}. */
    public List<DomainEvent> reject(Actor actor, String reason, Instant now, Duration appealWindow) {
        requirePosterVerdict(actor);
        if (reason == null || reason.isBlank()) {
            throw Rejection.invalid("reason", "reason-missing", "a rejection needs a reason");
        }
        return List.of(new ResolutionRejected(topicId, round, pendingResolutionId, reason.strip(), now.plus(appealWindow)));
    }

    /**
     * The lead appeals the newest decision against it: a rejection while it still works on the topic in that round
     * and has submitted nothing since, or a reopening while the new round is awarded to nobody; once per round,
     * before the appeal window ends, with a reason.
     */
    public List<DomainEvent> appeal(Actor actor, String appealId, String reason, String evidence, Instant now) {
        requireKnown();
        if (appealable == null || !stillAppealable()) {
            throw Rejection.conflict("nothing-to-appeal",
                    "there is nothing to appeal: only a rejected resolution or a reopening evaluation is, before the topic moves on");
        }
        if (!actor.actsFor(appealable.leadOrgId())) {
            throw Rejection.forbidden("only-the-lead-appeals", "only staff of {0}, the lead of round {1}, appeal",
                    appealable.leadOrgId(), appealable.round());
        }
        if (appealedRounds.contains(appealable.round())) {
            throw Rejection.conflict("already-appealed", "round {0} of this topic has been appealed; an appeal is made once per round",
                    appealable.round());
        }
        if (now.isAfter(appealable.until())) {
            throw Rejection.conflict("appeal-window-passed", "the decision could be appealed until {0}", appealable.until());
        }
        if (reason == null || reason.isBlank()) {
            throw Rejection.invalid("reason", "appeal-reason-missing", "an appeal needs a reason");
        }
        return List.of(new AppealLodged(topicId, appealable.round(), appealId, appealable.subject(), appealable.leadOrgId(),
                reason.strip(), evidence == null || evidence.isBlank() ? null : evidence.strip()));
    }

    /**
     * A coordinator rules on the pending appeal, with a reason. Overturning a rejection accepts the rejected resolution
     * (on time if it was rejected by the due date) and opens its evaluation; overturning a reopening closes the topic,
     * unless the new round has been awarded meanwhile.
     */
    public List<DomainEvent> decideAppeal(Actor actor, String appealId, AppealDecided.Ruling ruling, String reason, Instant now,
                                          Duration evaluationWindow, EvaluationSettings settings) {
        requireKnown();
        if (!actor.isCoordinator()) {
            throw Rejection.forbidden("coordinator-only", "only a coordinator rules on an appeal");
        }
        if (pendingAppeal == null || !pendingAppeal.appealId().equals(appealId)) {
            if (decidedAppeals.contains(appealId)) {
                throw Rejection.conflict("appeal-already-decided", "appeal {0} has been ruled on", appealId);
            }
            throw Rejection.notFound("appeal-not-found", "no appeal {0} waits on topic {1}", appealId, topicId);
        }
        if (reason == null || reason.isBlank()) {
            throw Rejection.invalid("reason", "ruling-reason-missing", "a ruling on an appeal needs a reason");
        }
        AppealDecided decided = new AppealDecided(topicId, pendingAppeal.round(), appealId, pendingAppeal.subject(), ruling,
                reason.strip());
        if (!decided.overturned()) {
            return List.of(decided);
        }
        if (pendingAppeal.subject() == AppealLodged.Subject.REJECTED_RESOLUTION) {
            boolean onTime = !appealable.decidedAt().isAfter(topic.dueDate());
            return List.of(decided, new ResolutionAccepted(topicId, round, appealable.resolutionId(), leadOrgId, onTime,
                    now.plus(evaluationWindow), EvaluationSettings.orDefaults(settings)));
        }
        if (newRoundAwarded()) {
            throw Rejection.conflict("new-round-awarded", "the new round was awarded to {0} before the ruling: the reopening stands",
                    leadOrgId);
        }
        return List.of(decided, new TopicClosed(topicId, round));
    }

    private boolean stillAppealable() {
        if (appealable.subject() == AppealLodged.Subject.REJECTED_RESOLUTION) {
            return status == Status.IN_PROGRESS && round == appealable.round();
        }
        // Once the new round has opened (claiming has heard of the reopening), so that an overturn's closing comes after it.
        return status == Status.OPEN && round > appealable.round() && leadOrgId == null;
    }

    private boolean newRoundAwarded() {
        return round > appealable.round() && leadOrgId != null;
    }

    /** The poster asks for one-time links for residents (and itself) to vote with: at most the round's cap in all. */
    public List<DomainEvent> issueLinks(Actor actor, int count, Instant expiresAt) {
        requirePoster(actor);
        requireEvaluationOpen();
        if (count < 1 || count > MAX_LINKS) {
            throw Rejection.invalid("count", "link-count-out-of-range", "ask for 1 to {0} links", MAX_LINKS);
        }
        int cap = evaluationSettings.linksPerRound();
        if (linksIssuedThisRound + count > cap) {
            throw Rejection.conflict("link-cap-reached", "at most {0} evaluation links per round; {1} issued so far",
                    cap, linksIssuedThisRound);
        }
        return List.of(new EvaluationLinksIssued(topicId, round, count, expiresAt));
    }

    /**
     * A vote through a link issued for this round, while the window is open.
     *
     * @param byPoster the link was used by a signed-in member of the poster's staff: the poster's own vote, which
     *        counts once per round (links are handed out by the poster, so only a signed-in vote can be told apart)
     */
    public List<DomainEvent> vote(int linkRound, String voteId, Verdict verdict, String comment, Instant now, boolean byPoster) {
        requireKnown();
        if (linkRound != round || status != Status.RESOLVED) {
            throw Rejection.conflict("evaluation-closed", "this evaluation is closed");
        }
        if (!now.isBefore(evaluationClosesAt)) {
            throw Rejection.conflict("evaluation-window-ended", "the evaluation window has ended");
        }
        if (byPoster && posterVotedThisRound) {
            throw Rejection.conflict("poster-already-voted", "the poster has already voted in this round; its vote counts once");
        }
        return List.of(new EvaluationVoteCast(topicId, round, voteId, verdict,
                comment == null || comment.isBlank() ? null : comment.strip(), byPoster ? Boolean.TRUE : null));
    }

    public List<DomainEvent> vote(int linkRound, String voteId, Verdict verdict, String comment, Instant now) {
        return vote(linkRound, voteId, verdict, comment, now, false);
    }

    /**
     * The poster or a coordinator ends the evaluation. Before it has its quorum of votes or has been open for its
     * minimum window, only a coordinator may, and only with a reason (recorded in {@link EvaluationClosed}).
     */
    public List<DomainEvent> close(Actor actor, String reason, Instant now, Duration appealWindow) {
        requireKnown();
        if (!actor.isCoordinator() && !actor.actsFor(topic.posterOrgId())) {
            throw Rejection.forbidden("not-poster-or-coordinator", "only the poster or a coordinator ends the evaluation");
        }
        requireEvaluationOpen();
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        boolean early = roundVoteCount() < evaluationSettings.quorum() || now.isBefore(earliestCloseAt);
        if (!early) {
            return outcome(EvaluationClosed.Cause.CLOSED_BY_USER, why, now.plus(appealWindow));
        }
        if (!actor.isCoordinator()) {
            throw Rejection.forbidden("early-close-coordinator-only",
                    "only a coordinator closes an evaluation before it has {0} votes (it has {1}) and before {2}",
                    evaluationSettings.quorum(), roundVoteCount(), earliestCloseAt);
        }
        if (why == null) {
            throw Rejection.invalid("reason", "early-close-reason-missing",
                    "closing an evaluation before its quorum or its minimum window needs a reason");
        }
        return outcome(EvaluationClosed.Cause.CLOSED_EARLY, why, now.plus(appealWindow));
    }

    /** The evaluation window ends by itself. */
    public List<DomainEvent> windowEnded(Instant now, Duration appealWindow) {
        if (status != Status.RESOLVED || now.isBefore(evaluationClosesAt)) {
            return List.of();
        }
        return outcome(EvaluationClosed.Cause.WINDOW_ENDED, null, now.plus(appealWindow));
    }

    /**
     * Fewer votes than the quorum: INCONCLUSIVE, and the topic closes unrated. Otherwise two thirds satisfied
     * (satisfied + basically satisfied): CLOSED; under that, another round, which the lead may appeal until
     * {@code appealableUntil}.
     */
    private List<DomainEvent> outcome(EvaluationClosed.Cause cause, String reason, Instant appealableUntil) {
        int satisfied = roundVotes.getOrDefault(Verdict.SATISFIED, 0);
        int basically = roundVotes.getOrDefault(Verdict.BASICALLY_SATISFIED, 0);
        int dissatisfied = roundVotes.getOrDefault(Verdict.DISSATISFIED, 0);
        List<DomainEvent> events = new ArrayList<>();
        if (roundVoteCount() < evaluationSettings.quorum()) {
            events.add(new EvaluationClosed(topicId, round, satisfied, basically, dissatisfied,
                    EvaluationClosed.Outcome.INCONCLUSIVE, cause, reason));
            events.add(new TopicClosed(topicId, round));
            return events;
        }
        boolean closes = 3 * (satisfied + basically) >= 2 * (satisfied + basically + dissatisfied);
        events.add(new EvaluationClosed(topicId, round, satisfied, basically, dissatisfied,
                closes ? EvaluationClosed.Outcome.CLOSED : EvaluationClosed.Outcome.REOPENED, cause, reason,
                closes ? null : appealableUntil));
        events.add(closes ? new TopicClosed(topicId, round) : new TopicReopened(topicId, round, round + 1));
        return events;
    }

    private int roundVoteCount() {
        return roundVotes.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public void apply(EventEnvelope event) {
        DomainEvent data = event.data();
        if (data instanceof TopicPublished published) {
            topic = published;
        } else if (data instanceof ClaimAwarded awarded) {
            award(awarded.round(), awarded.leadOrgId(), awarded.coClaimantOrgIds());
            awardedThroughClaimInWindow |= awarded.withinClaimWindow();
        } else if (data instanceof CoClaimantAccepted accepted && accepted.joinsTeam() && accepted.round() == round
                && leadOrgId != null && !coClaimantOrgIds.contains(accepted.orgId())) {
            coClaimantOrgIds = Stream.concat(coClaimantOrgIds.stream(), Stream.of(accepted.orgId())).toList();
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
        } else if (data instanceof ResolutionRejected rejected) {
            status = Status.IN_PROGRESS;
            pendingResolutionId = null;
            if (rejected.appealableUntil() != null) {
                appealable = new Appealable(AppealLodged.Subject.REJECTED_RESOLUTION, rejected.round(), event.occurredAt(),
                        rejected.appealableUntil(), leadOrgId, coClaimantOrgIds, rejected.resolutionId(), null, false, Map.of());
            }
        } else if (data instanceof ResolutionAccepted accepted) {
            status = Status.RESOLVED;
            acceptedAt = event.occurredAt();
            acceptedOnTime = accepted.onTime();
            evaluationClosesAt = accepted.evaluationClosesAt();
            evaluationSettings = accepted.evaluationSettings();
            Instant minimumEnds = acceptedAt.plus(Duration.ofHours(evaluationSettings.minimumWindowHours()));
            earliestCloseAt = minimumEnds.isBefore(evaluationClosesAt) ? minimumEnds : evaluationClosesAt;
            linksIssuedThisRound = 0;
            posterVotedThisRound = false;
            lastEvaluationInconclusive = false;
        } else if (data instanceof EvaluationLinksIssued issued) {
            linksIssuedThisRound += issued.count();
        } else if (data instanceof EvaluationVoteCast vote) {
            roundVotes.merge(vote.verdict(), 1, Integer::sum);
            allVotes.merge(vote.verdict(), 1, Integer::sum);
            posterVotedThisRound |= vote.castByPoster();
        } else if (data instanceof EvaluationClosed closed) {
            lastEvaluationInconclusive = closed.outcome() == EvaluationClosed.Outcome.INCONCLUSIVE;
            if (closed.appealableUntil() != null) {
                appealable = new Appealable(AppealLodged.Subject.EVALUATION_OUTCOME, closed.round(), event.occurredAt(),
                        closed.appealableUntil(), leadOrgId, coClaimantOrgIds, null, acceptedAt, acceptedOnTime,
                        Map.copyOf(roundVotes));
            }
            if (lastEvaluationInconclusive) {
                // Too few to speak for the residents: these votes count in no satisfaction figure.
                roundVotes.forEach((verdict, n) -> allVotes.merge(verdict, -n, Integer::sum));
            }
        } else if (data instanceof AppealLodged lodged) {
            pendingAppeal = lodged;
            appealedRounds.add(lodged.round());
        } else if (data instanceof AppealDecided decided) {
            pendingAppeal = null;
            decidedAppeals.add(decided.appealId());
            if (decided.overturned()) {
                overturned(decided.subject());
            }
        } else if (data instanceof TopicClosed) {
            status = lastEvaluationInconclusive ? Status.CLOSED_UNRATED : Status.CLOSED;
        } else if (data instanceof TopicReopened) {
            // Not resolved any more; claiming opens the next round (RoundOpened).
            status = Status.OPEN;
            acceptedAt = null;
            acceptedOnTime = false;
        }
    }

    /**
     * An appeal was overturned. A rejection: the rejected resolution is the one accepted next. A reopening: the
     * appealed round's team and acceptance are back, and the appealed evaluation's votes count no more; the topic
     * closes next.
     */
    private void overturned(AppealLodged.Subject subject) {
        overturnedOnAppeal = true;
        if (subject == AppealLodged.Subject.REJECTED_RESOLUTION) {
            pendingResolutionId = appealable.resolutionId();
            return;
        }
        leadOrgId = appealable.leadOrgId();
        coClaimantOrgIds = appealable.coClaimantOrgIds();
        everAwarded = true;
        acceptedAt = appealable.acceptedAt();
        acceptedOnTime = appealable.acceptedOnTime();
        appealable.votes().forEach((verdict, n) -> allVotes.merge(verdict, -n, Integer::sum));
        lastEvaluationInconclusive = false;
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
                awardedThroughClaimInWindow, status == Status.RESOLVED || status == Status.CLOSED
                        || status == Status.CLOSED_UNRATED, acceptedAt, acceptedOnTime, Map.copyOf(allVotes),
                status == Status.CLOSED_UNRATED, overturnedOnAppeal);
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

    /** The rules of the current (or last) evaluation. */
    public EvaluationSettings evaluationSettings() {
        return evaluationSettings;
    }

    /** When the poster may close the current evaluation at the earliest (with its quorum), null before acceptance. */
    public Instant earliestCloseAt() {
        return earliestCloseAt;
    }

    /** Whether this signed-in user (null: nobody signed in) acts for the topic's poster. */
    public boolean isPosterStaff(Actor voter) {
        return voter != null && topic != null && voter.actsFor(topic.posterOrgId());
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
