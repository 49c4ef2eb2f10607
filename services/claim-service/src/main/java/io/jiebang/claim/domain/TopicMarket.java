package io.jiebang.claim.domain;

import static io.jiebang.platform.domain.Texts.blankToNull;

import io.jiebang.platform.domain.BatchSet;
import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.ClaimDeclined;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.events.claim.ClaimWithdrawn;
import io.jiebang.events.claim.CoClaimantAccepted;
import io.jiebang.events.claim.CoClaimantDeclined;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicUnclaimed;
import io.jiebang.events.claim.TopicWithdrawn;
import io.jiebang.events.resolution.AppealDecided;
import io.jiebang.events.resolution.AppealLodged;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.TopicClosed;
import io.jiebang.events.resolution.TopicReopened;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.domain.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A published topic as a market for claims (揭榜), round by round: who claimed, who won, and whether the
 * topic can still be claimed, withdrawn or assigned. One stream per topic, so simultaneous claims race on
 * the same stream and exactly one first-come claim wins.
 */
public final class TopicMarket implements Aggregate {

    public static final String ANOTHER_CLAIM_AWARDED = "another claim was awarded";
    public static final String TOPIC_WITHDRAWN = "the poster withdrew the topic";
    public static final String TOPIC_CLOSED = "the topic closed: an appeal overturned its reopening";

    public enum Status {
        NOT_PUBLISHED, OPEN, AWARDED, UNCLAIMED, WITHDRAWN, RESOLVED, CLOSED
    }

    public enum ClaimStatus {
        SUBMITTED, AWARDED, DECLINED, WITHDRAWN
    }

    /**
     * A claim of the current round: the co-claimants it names, and of those the ones that accepted and declined
     * their place.
     */
    public record Claim(String claimId, String leadOrgId, List<String> coClaimantOrgIds, Instant committedDate,
                        boolean withinClaimWindow, ClaimStatus status, Set<String> accepted, Set<String> declined) {

        Claim with(ClaimStatus newStatus) {
            return new Claim(claimId, leadOrgId, coClaimantOrgIds, committedDate, withinClaimWindow, newStatus, accepted, declined);
        }

        Claim accepting(String orgId) {
            Set<String> now = new LinkedHashSet<>(accepted);
            now.add(orgId);
            return new Claim(claimId, leadOrgId, coClaimantOrgIds, committedDate, withinClaimWindow, status, Set.copyOf(now), declined);
        }

        Claim declining(String orgId) {
            Set<String> now = new LinkedHashSet<>(declined);
            now.add(orgId);
            return new Claim(claimId, leadOrgId, coClaimantOrgIds, committedDate, withinClaimWindow, status, accepted, Set.copyOf(now));
        }

        boolean isLive() {
            return status == ClaimStatus.SUBMITTED || status == ClaimStatus.AWARDED;
        }

        /** The named co-claimants that accepted their place, in the order the lead named them. */
        List<String> team() {
            return coClaimantOrgIds.stream().filter(accepted::contains).toList();
        }
    }

    private final String topicId;
    private TopicPublished topic;
    private Status status = Status.NOT_PUBLISHED;
    private int round = 1;
    private Instant roundOpenedAt;
    private String leadOrgId;
    private final Map<String, Claim> claims = new LinkedHashMap<>();
    /** An appeal of the reopening waits for a coordinator: the new round is awarded to nobody meanwhile. */
    private boolean reopeningAppealed;

    public TopicMarket(String topicId) {
        this.topicId = topicId;
    }

    /**
     * Claims the topic for the caller's organisation, alone or with co-claimants of the same kind. Under
     * {@code FIRST_COME} the first valid claim is awarded at once.
     */
    public List<DomainEvent> claim(Actor actor, String claimId, ClaimRequest request, Claimant lead,
                                   Map<String, Claimant> coClaimants, ClaimWindow window, Instant now) {
        requirePublished();
        if (!actor.actsFor(lead.id()) || !lead.isRegistered()) {
            throw Rejection.forbidden("not-staff", "only staff of a registered organisation claim, for their own organisation");
        }
        if (lead.isRetired()) {
            throw Rejection.forbidden("organisation-retired", "{0} is retired", lead.id());
        }
        if (lead.kind() != topic.direction().claimantKind()) {
            throw Rejection.forbidden("same-side-claim",
                    "the other side claims a topic: departments what streets post, streets what departments post");
        }
        requireOpen();
        boolean inside = window.isInside(now);
        if (round == 1 ? !inside : !window.takesLaterRoundClaims(roundOpenedAt, now)) {
            throw Rejection.conflict("outside-claim-window", "claims are accepted only inside the claim window of the batch");
        }
        if (claims.values().stream().anyMatch(c -> c.isLive() && c.leadOrgId().equals(lead.id()))) {
            throw Rejection.conflict("already-claimed", "{0} already has a live claim on this topic", lead.id());
        }
        List<String> co = validCoClaimants(request.coClaimantOrgIds(), lead, coClaimants);
        if (request.committedDate() == null || !request.committedDate().isAfter(now)) {
            throw Rejection.invalid("committedDate", "committed-date-past", "the committed completion date must be in the future");
        }
        if (request.plan() == null || request.plan().isBlank()) {
            throw Rejection.invalid("plan", "plan-missing", "a claim needs a plan");
        }
        List<DomainEvent> events = new ArrayList<>();
        events.add(new ClaimSubmitted(topicId, round, claimId, lead.id(), co, request.plan().strip(),
                request.committedDate(), inside));
        if (topic.claimMode() == ClaimMode.FIRST_COME) {
            requireNoAppealPending();
            // No co-claimant has accepted its place yet: each joins the team when it does.
            events.add(new ClaimAwarded(topicId, round, claimId, lead.id(), List.of(), request.committedDate(), inside,
                    ClaimAwarded.AwardedBy.FIRST_COME));
        }
        return events;
    }

    /**
     * A co-claimant named in a live claim accepts its place (once): it counts in the award from now on, and joins
     * the team at once if the claim is already awarded and the work not yet accepted.
     */
    public List<DomainEvent> acceptPlace(Actor actor, String claimId) {
        Claim claim = namedClaimOf(actor, claimId);
        return List.of(new CoClaimantAccepted(topicId, round, claimId, actor.orgId(), claim.status() == ClaimStatus.AWARDED));
    }

    /** A co-claimant named in a live claim declines its place (once, before accepting it): it never counts. */
    public List<DomainEvent> declinePlace(Actor actor, String claimId) {
        namedClaimOf(actor, claimId);
        return List.of(new CoClaimantDeclined(topicId, round, claimId, actor.orgId()));
    }

    private Claim namedClaimOf(Actor actor, String claimId) {
        requirePublished();
        Claim claim = claim(claimId);
        if (!actor.actsFor(actor.orgId()) || !claim.coClaimantOrgIds().contains(actor.orgId())) {
            throw Rejection.forbidden("not-a-named-co-claimant", "only staff of an organisation the claim names as co-claimant do this");
        }
        boolean workOpen = claim.status() == ClaimStatus.SUBMITTED || (claim.status() == ClaimStatus.AWARDED && status == Status.AWARDED);
        if (!workOpen) {
            throw Rejection.conflict("place-not-open", "claim {0} is {1}: its places are no longer answered", claimId, claim.status());
        }
        if (claim.accepted().contains(actor.orgId()) || claim.declined().contains(actor.orgId())) {
            throw Rejection.conflict("place-already-decided", "{0} has already answered for its place in claim {1}", actor.orgId(), claimId);
        }
        return claim;
    }

    /** The poster picks one bid under {@code POSTER_SELECTS}; the other bids are declined. */
    public List<DomainEvent> award(Actor actor, String claimId) {
        requirePoster(actor);
        if (topic.claimMode() != ClaimMode.POSTER_SELECTS) {
            throw Rejection.conflict("first-come-awards-itself", "under FIRST_COME the first valid claim is awarded by itself");
        }
        requireOpen();
        requireNoAppealPending();
        Claim chosen = claim(claimId);
        if (chosen.status() != ClaimStatus.SUBMITTED) {
            throw Rejection.conflict("claim-not-live", "claim {0} is {1}", claimId, chosen.status());
        }
        List<DomainEvent> events = new ArrayList<>();
        events.add(new ClaimAwarded(topicId, round, claimId, chosen.leadOrgId(), chosen.team(),
                chosen.committedDate(), chosen.withinClaimWindow(), ClaimAwarded.AwardedBy.POSTER));
        events.addAll(declineWaiting(ANOTHER_CLAIM_AWARDED, claimId));
        return events;
    }

    /**
     * The lead withdraws its claim: a bid simply ends; an award gives the topic back, which opens a new
     * round. Not after the resolution was accepted.
     */
    public List<DomainEvent> withdrawClaim(Actor actor, String claimId, String reason) {
        requirePublished();
        Claim claim = claim(claimId);
        if (!actor.actsFor(claim.leadOrgId())) {
            throw Rejection.forbidden("not-the-claimant", "only staff of {0} can withdraw this claim", claim.leadOrgId());
        }
        if (claim.status() == ClaimStatus.SUBMITTED) {
            return List.of(new ClaimWithdrawn(topicId, round, claimId, claim.leadOrgId()));
        }
        if (claim.status() == ClaimStatus.AWARDED && status == Status.AWARDED) {
            return List.of(new AwardWithdrawn(topicId, round, claimId, claim.leadOrgId(), blankToNull(reason)),
                    new RoundOpened(topicId, round + 1, RoundOpened.Cause.AWARD_WITHDRAWN));
        }
        throw Rejection.conflict("claim-not-withdrawable", "claim {0} is {1} and the topic is {2}", claimId, claim.status(),
                status);
    }

    /** The poster takes the topic back before any award; live bids are declined. */
    public List<DomainEvent> withdrawTopic(Actor actor, String reason) {
        requirePoster(actor);
        if (status != Status.OPEN && status != Status.UNCLAIMED) {
            throw Rejection.conflict("topic-not-withdrawable", "a topic can be withdrawn only before it is awarded; it is {0}",
                    status);
        }
        List<DomainEvent> events = new ArrayList<>();
        events.addAll(declineWaiting(TOPIC_WITHDRAWN, null));
        events.add(new TopicWithdrawn(topicId, round, blankToNull(reason)));
        return events;
    }

    /**
     * A coordinator gives an unclaimed topic (or one reopened after claiming closed) to an organisation of
     * the claiming side, which leads it from now on.
     */
    public List<DomainEvent> assign(Actor actor, Claimant org, Instant committedDate, Instant now) {
        if (!actor.isCoordinator()) {
            throw Rejection.forbidden("coordinator-only", "only a coordinator assigns topics");
        }
        requirePublished();
        boolean reopenedAfterDeadline = status == Status.OPEN && round > 1;
        if (status != Status.UNCLAIMED && !reopenedAfterDeadline) {
            throw Rejection.conflict("topic-not-unclaimed", "only an UNCLAIMED topic is assigned; it is {0}", status);
        }
        requireNoAppealPending();
        if (!org.isRegistered()) {
            throw Rejection.invalid("orgId", "unknown-organisation", "there is no organisation {0}", org.id());
        }
        if (org.isRetired()) {
            throw Rejection.forbidden("organisation-retired", "{0} is retired", org.id());
        }
        if (org.kind() != topic.direction().claimantKind()) {
            throw Rejection.invalid("orgId", "assignee-on-posting-side", "{0} is not on the claiming side of this topic", org.id());
        }
        if (committedDate != null && !committedDate.isAfter(now)) {
            throw Rejection.invalid("committedDate", "committed-date-past", "the committed completion date must be in the future");
        }
        List<DomainEvent> events = new ArrayList<>();
        events.addAll(declineWaiting("assigned by the coordinator", null));
        events.add(new TopicAssigned(topicId, round, org.id(), committedDate == null ? topic.dueDate() : committedDate));
        return events;
    }

    /**
     * Claiming closed (or the topic was published into a batch whose claiming had closed): a topic nobody
     * won and with no bid waiting for the poster becomes UNCLAIMED.
     */
    public List<DomainEvent> claimingClosed(ClaimWindow window) {
        if (status != Status.OPEN || !window.isClaimingClosed()) {
            return List.of();
        }
        boolean bidsWaiting = topic.claimMode() == ClaimMode.POSTER_SELECTS
                && claims.values().stream().anyMatch(c -> c.status() == ClaimStatus.SUBMITTED);
        return bidsWaiting ? List.of() : List.of(new TopicUnclaimed(topicId, round));
    }

    /**
     * A later round's claim window passed: with no bid waiting for the poster the topic becomes UNCLAIMED, for the
     * coordinator to assign; bids waiting keep it open for the poster's award.
     */
    public List<DomainEvent> newRoundWindowPassed(ClaimWindow window, Instant now) {
        if (status != Status.OPEN || round == 1 || roundOpenedAt == null || reopeningAppealed
                || now.isBefore(window.newRoundClaimEnds(roundOpenedAt))) {
            return List.of();
        }
        boolean bidsWaiting = claims.values().stream().anyMatch(c -> c.status() == ClaimStatus.SUBMITTED);
        return bidsWaiting ? List.of() : List.of(new TopicUnclaimed(topicId, round));
    }

    /** The topic closed while bids waited (an appeal overturned its reopening): they are declined. */
    public List<DomainEvent> closed() {
        return List.copyOf(declineWaiting(TOPIC_CLOSED, null));
    }

    /** The bids still waiting, declined for this reason; all of them but the one awarded, when one is. */
    private List<ClaimDeclined> declineWaiting(String reason, String awardedClaimId) {
        return claims.values().stream().filter(c -> c.status() == ClaimStatus.SUBMITTED && !c.claimId().equals(awardedClaimId))
                .map(c -> new ClaimDeclined(topicId, round, c.claimId(), c.leadOrgId(), reason)).toList();
    }

    /** Evaluation found under two thirds satisfied: the topic is open for claims again. */
    public List<DomainEvent> reopen(TopicReopened reopened) {
        if (status == Status.OPEN && round >= reopened.nextRound()) {
            return List.of();
        }
        return List.of(new RoundOpened(topicId, reopened.nextRound(), RoundOpened.Cause.REOPENED_AFTER_EVALUATION));
    }

    @Override
    public void apply(EventEnvelope event) {
        DomainEvent data = event.data();
        if (data instanceof TopicPublished published) {
            topic = published;
            status = Status.OPEN;
            roundOpenedAt = event.occurredAt();
        } else if (data instanceof ClaimSubmitted submitted) {
            claims.put(submitted.claimId(), new Claim(submitted.claimId(), submitted.leadOrgId(),
                    List.copyOf(submitted.coClaimantOrgIds()), submitted.committedDate(), submitted.withinClaimWindow(),
                    ClaimStatus.SUBMITTED, Set.of(), Set.of()));
        } else if (data instanceof CoClaimantAccepted accepted) {
            claims.computeIfPresent(accepted.claimId(), (id, c) -> c.accepting(accepted.orgId()));
        } else if (data instanceof CoClaimantDeclined declined) {
            claims.computeIfPresent(declined.claimId(), (id, c) -> c.declining(declined.orgId()));
        } else if (data instanceof ClaimAwarded awarded) {
            claims.computeIfPresent(awarded.claimId(), (id, c) -> c.with(ClaimStatus.AWARDED));
            status = Status.AWARDED;
            leadOrgId = awarded.leadOrgId();
        } else if (data instanceof ClaimDeclined declined) {
            claims.computeIfPresent(declined.claimId(), (id, c) -> c.with(ClaimStatus.DECLINED));
        } else if (data instanceof ClaimWithdrawn withdrawn) {
            claims.computeIfPresent(withdrawn.claimId(), (id, c) -> c.with(ClaimStatus.WITHDRAWN));
        } else if (data instanceof AwardWithdrawn withdrawn) {
            claims.computeIfPresent(withdrawn.claimId(), (id, c) -> c.with(ClaimStatus.WITHDRAWN));
            leadOrgId = null;
        } else if (data instanceof RoundOpened opened) {
            round = opened.round();
            roundOpenedAt = event.occurredAt();
            status = Status.OPEN;
            leadOrgId = null;
            claims.clear();
        } else if (data instanceof TopicWithdrawn) {
            status = Status.WITHDRAWN;
        } else if (data instanceof TopicUnclaimed) {
            status = Status.UNCLAIMED;
        } else if (data instanceof TopicAssigned assigned) {
            status = Status.AWARDED;
            leadOrgId = assigned.orgId();
        } else if (data instanceof ResolutionAccepted) {
            status = Status.RESOLVED;
        } else if (data instanceof ResolutionRejected && status == Status.RESOLVED) {
            status = Status.AWARDED;
        } else if (data instanceof TopicClosed) {
            status = Status.CLOSED;
        } else if (data instanceof AppealLodged lodged) {
            reopeningAppealed = lodged.subject() == AppealLodged.Subject.EVALUATION_OUTCOME;
        } else if (data instanceof AppealDecided) {
            reopeningAppealed = false;
        } else if (data instanceof BatchClaimingClosed || data instanceof TopicReopened) {
            // recorded for the history; the decisions they cause are events of their own
            return;
        }
    }

    public boolean isPublished() {
        return topic != null;
    }

    /** Its batch's topics (claiming closes for all of them at once) and, while one is open, those in a later round. */
    @Override
    public Set<String> sets() {
        if (topic == null) {
            return Set.of();
        }
        return status == Status.OPEN && round > 1 ? Set.of(BatchSet.of(topic.batchId()), NEW_ROUND) : Set.of(BatchSet.of(topic.batchId()));
    }

    /** Topics open in a later round: their claim window is checked. */
    public static final String NEW_ROUND = "new-round";

    public String batchId() {
        return topic == null ? null : topic.batchId();
    }

    public Status status() {
        return status;
    }

    /** When the current round began: the publication, or the reopening. */
    public Optional<Instant> roundOpenedAt() {
        return Optional.ofNullable(roundOpenedAt);
    }

    public int round() {
        return round;
    }

    public Optional<String> leadOrgId() {
        return Optional.ofNullable(leadOrgId);
    }

    public Direction direction() {
        return topic.direction();
    }

    private List<String> validCoClaimants(List<String> requested, Claimant lead, Map<String, Claimant> known) {
        List<String> co = requested == null ? List.of() : List.copyOf(requested);
        Set<String> distinct = new HashSet<>(co);
        if (distinct.size() != co.size() || distinct.contains(lead.id())) {
            throw Rejection.invalid("coClaimantOrgIds", "co-claimants-not-distinct",
                    "co-claimants are distinct organisations other than the lead");
        }
        if (co.size() > topic.maxCoClaimants()) {
            throw Rejection.invalid("coClaimantOrgIds", "too-many-co-claimants", "this topic allows at most {0} co-claimants",
                    topic.maxCoClaimants());
        }
        for (String id : co) {
            Claimant claimant = known.get(id);
            if (claimant == null || !claimant.isRegistered()) {
                throw Rejection.invalid("coClaimantOrgIds", "unknown-co-claimant", "there is no organisation {0}", id);
            }
            if (claimant.isRetired()) {
                throw Rejection.forbidden("organisation-retired", "{0} is retired", id);
            }
            if (claimant.kind() != lead.kind()) {
                throw Rejection.invalid("coClaimantOrgIds", "co-claimant-of-other-kind",
                        "co-claimant {0} is not of the kind of the lead (department or street)", id);
            }
        }
        return co;
    }

    private Claim claim(String claimId) {
        Claim claim = claims.get(claimId);
        if (claim == null) {
            throw Rejection.notFound("claim-not-found", "no claim {0} in round {1} of topic {2}", claimId, round, topicId);
        }
        return claim;
    }

    private void requirePublished() {
        if (topic == null) {
            throw Rejection.notFound("topic-not-found", "no published topic {0}", topicId);
        }
    }

    private void requirePoster(Actor actor) {
        requirePublished();
        if (!actor.actsFor(topic.posterOrgId())) {
            throw Rejection.forbidden("not-the-poster", "only staff of {0} can do this", topic.posterOrgId());
        }
    }

    private void requireOpen() {
        if (status == Status.OPEN) {
            return;
        }
        if (status == Status.AWARDED) {
            throw Rejection.conflict("topic-already-awarded", "topic {0} is already awarded to {1}", topicId, leadOrgId);
        }
        throw Rejection.conflict("topic-not-open", "topic {0} is not open for claims; it is {1}", topicId, status);
    }

    private void requireNoAppealPending() {
        if (reopeningAppealed) {
            throw Rejection.conflict("appeal-pending",
                    "the lead appealed the reopening of this topic: the new round is awarded once a coordinator has ruled");
        }
    }
}
