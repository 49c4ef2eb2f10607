package io.jiebang.console.readmodel;

import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.GeoPoint;
import io.jiebang.events.Priority;
import java.time.Instant;
import java.util.List;

/**
 * Everything the board shows about one topic: its fields, where it stands, its claims, award, latest
 * progress, resolution, evaluation, open escalations, and its timeline of events with who did what:
 * {@code timelineSize} events in all, of which {@code timeline} holds the newest (all of them in a fold; on a topic
 * page the newest one to two pages of them, so that a page costs the same however long the topic has run).
 */
public record TopicView(String id, String batchId, String posterOrgId, Direction direction, String title,
                        String description, String category, String expectedOutcome, Instant dueDate, Priority priority,
                        String location, GeoPoint point, ClaimMode claimMode, int maxCoClaimants, TopicStatus status, int round,
                        Instant postedAt, Instant publishedAt, Instant updatedAt, String leadOrgId,
                        List<String> coClaimantOrgIds, List<Claim> claims, Award award, Progress progress,
                        int progressPercent, Resolution resolution, Evaluation evaluation,
                        List<Escalation> openEscalations, int escalationLevel, List<TimelineEntry> timeline,
                        int timelineSize, Appeal appeal, String district) {

    /** A view stored before districts existed is the first district's. */
    public TopicView {
        district = district == null ? io.jiebang.events.Districts.FIRST : district;
    }

    /**
     * A claim; {@code coClaimantOrgIds} are the co-claimants it names, of which {@code acceptedCoClaimantOrgIds} and
     * {@code declinedCoClaimantOrgIds} have answered (absent in views stored before places were answered).
     */
    public record Claim(String claimId, int round, String leadOrgId, List<String> coClaimantOrgIds, String plan,
                        Instant committedDate, boolean withinClaimWindow, String status, Instant submittedAt,
                        String declineReason, List<String> acceptedCoClaimantOrgIds, List<String> declinedCoClaimantOrgIds) {

        public Claim with(String newStatus, String reason) {
            return new Claim(claimId, round, leadOrgId, coClaimantOrgIds, plan, committedDate, withinClaimWindow, newStatus,
                    submittedAt, reason, acceptedCoClaimantOrgIds, declinedCoClaimantOrgIds);
        }

        /** The claim with its plan left out, for a reader who may not see it. */
        public Claim withoutPlan() {
            return new Claim(claimId, round, leadOrgId, coClaimantOrgIds, null, committedDate, withinClaimWindow, status,
                    submittedAt, declineReason, acceptedCoClaimantOrgIds, declinedCoClaimantOrgIds);
        }

        /** A named co-claimant answered for its place. */
        public Claim answered(String orgId, boolean accepted) {
            List<String> yes = accepted ? plus(acceptedCoClaimantOrgIds, orgId) : orEmpty(acceptedCoClaimantOrgIds);
            List<String> no = accepted ? orEmpty(declinedCoClaimantOrgIds) : plus(declinedCoClaimantOrgIds, orgId);
            return new Claim(claimId, round, leadOrgId, coClaimantOrgIds, plan, committedDate, withinClaimWindow, status,
                    submittedAt, declineReason, yes, no);
        }
    }

    static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    static List<String> plus(List<String> list, String item) {
        return orEmpty(list).contains(item) ? orEmpty(list)
                : java.util.stream.Stream.concat(orEmpty(list).stream(), java.util.stream.Stream.of(item)).toList();
    }

    /** @param awardedBy FIRST_COME, POSTER or COORDINATOR */
    /** The award; {@code coClaimantOrgIds}: the co-claimants on the team, those that accepted their place. */
    public record Award(int round, String claimId, String leadOrgId, List<String> coClaimantOrgIds,
                        Instant committedDate, Instant awardedAt, String awardedBy) {

        /** A co-claimant that accepted its place after the award joins the team. */
        public Award joinedBy(String orgId) {
            return new Award(round, claimId, leadOrgId, plus(coClaimantOrgIds, orgId), committedDate, awardedAt, awardedBy);
        }
    }

    public record Progress(int percent, String note, String milestone, String orgId, Instant reportedAt, int reports) {
    }

    /** @param status SUBMITTED, ACCEPTED or REJECTED */
    public record Resolution(int round, String resolutionId, String orgId, String summary, String evidence, String status,
                             Instant submittedAt, Instant decidedAt, String rejectionReason, Boolean onTime) {
    }

    /**
     * @param outcome CLOSED, REOPENED or INCONCLUSIVE once ended, else null
     * @param quorum the fewest votes for the evaluation to count; {@code linksPerRound} the most links in the round
     *        (boxed, as are all fields added later: views stored before them read back with null, not a failure)
     * @param earliestCloseAt when the poster may close it (with the quorum); earlier only a coordinator, with a reason
     * @param cause how it ended (CLOSED_BY_USER, WINDOW_ENDED, CLOSED_EARLY), and the coordinator's {@code reason}
     */
    public record Evaluation(int round, boolean open, Instant closesAt, int linksIssued, int satisfied,
                             int basicallySatisfied, int dissatisfied, String outcome, Integer quorum, Integer linksPerRound,
                             Instant earliestCloseAt, String cause, String reason) {

        Evaluation withLinks(int more) {
            return new Evaluation(round, open, closesAt, linksIssued + more, satisfied, basicallySatisfied, dissatisfied,
                    outcome, quorum, linksPerRound, earliestCloseAt, cause, reason);
        }

        Evaluation withVote(io.jiebang.events.Verdict verdict) {
            return new Evaluation(round, open, closesAt, linksIssued,
                    satisfied + (verdict == io.jiebang.events.Verdict.SATISFIED ? 1 : 0),
                    basicallySatisfied + (verdict == io.jiebang.events.Verdict.BASICALLY_SATISFIED ? 1 : 0),
                    dissatisfied + (verdict == io.jiebang.events.Verdict.DISSATISFIED ? 1 : 0),
                    outcome, quorum, linksPerRound, earliestCloseAt, cause, reason);
        }
    }

    /**
     * The newest decision of a round that its lead may appeal (申诉), and the appeal once lodged and ruled on (复核)
     * (docs/rules.md). Absent (null) until a decision is appealable, and in views stored before appeals existed.
     *
     * @param status APPEALABLE (nothing lodged yet: the lead may appeal until {@code appealableUntil} while the topic
     *        has not moved on), PENDING (lodged, waiting for a coordinator's ruling), UPHELD or OVERTURNED
     * @param subject REJECTED_RESOLUTION (the poster's rejection) or EVALUATION_OUTCOME (the evaluation that reopened the
     *        topic)
     * @param round the round of the appealed decision; {@code orgId} its lead, who may appeal
     * @param appealableUntil until when it may be appealed (null if the board heard of the appeal only)
     * @param ruling UPHELD or OVERTURNED once ruled on, with the coordinator's {@code rulingReason} and {@code decidedAt}
     * @param award with a reopening, the appealed round's award (its team), shown again once the appeal overturns it;
     *        {@code resolution} and {@code progress} likewise
     */
    public record Appeal(String status, String subject, int round, String orgId, Instant appealableUntil,
                         String appealId, String reason, String evidence, Instant lodgedAt, String ruling,
                         String rulingReason, Instant decidedAt, Award award, Resolution resolution, Progress progress) {

        public static final String APPEALABLE = "APPEALABLE";
        public static final String PENDING = "PENDING";

        /** Lodged by the lead, with its reason and evidence. */
        Appeal lodged(String id, String orgIdOfLead, String why, String what, Instant at) {
            return new Appeal(PENDING, subject, round, orgIdOfLead, appealableUntil, id, why, what, at, null,
                    null, null, award, resolution, progress);
        }

        /** Ruled on by a coordinator. */
        Appeal decided(String theRuling, String why, Instant at) {
            return new Appeal(theRuling, subject, round, orgId, appealableUntil, appealId, reason, evidence,
                    lodgedAt, theRuling, why, at, award, resolution, progress);
        }
    }

    /** An open reminder or escalation; {@code since}: when the clock that ran out started (absent in older events). */
    public record Escalation(String escalationId, int level, String reason, Instant raisedAt, Instant since) {
    }

    /** The same view with the newest {@code entries} of a timeline of {@code size} events. */
    public TopicView withTimeline(List<TimelineEntry> entries, int size) {
        return new TopicView(id, batchId, posterOrgId, direction, title, description, category, expectedOutcome, dueDate,
                priority, location, point, claimMode, maxCoClaimants, status, round, postedAt, publishedAt, updatedAt, leadOrgId,
                coClaimantOrgIds, claims, award, progress, progressPercent, resolution, evaluation, openEscalations,
                escalationLevel, entries, size, appeal, district);
    }

    /** The view as stored: its timeline is kept apart, page by page. */
    public TopicView withoutTimeline() {
        return withTimeline(List.of(), 0);
    }

    public boolean involves(String orgId) {
        return orgId.equals(posterOrgId) || orgId.equals(leadOrgId) || coClaimantOrgIds.contains(orgId);
    }
}
