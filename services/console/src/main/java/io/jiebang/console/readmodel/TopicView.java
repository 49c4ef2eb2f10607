package io.jiebang.console.readmodel;

import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.Priority;
import java.time.Instant;
import java.util.List;

/**
 * Everything the board shows about one topic: its fields, where it stands, its claims, award, latest
 * progress, resolution, evaluation, open escalations, and the timeline of every event with who did what.
 */
public record TopicView(String id, String batchId, String posterOrgId, Direction direction, String title,
                        String description, String category, String expectedOutcome, Instant dueDate, Priority priority,
                        String location, ClaimMode claimMode, int maxCoClaimants, TopicStatus status, int round,
                        Instant postedAt, Instant publishedAt, Instant updatedAt, String leadOrgId,
                        List<String> coClaimantOrgIds, List<Claim> claims, Award award, Progress progress,
                        int progressPercent, Resolution resolution, Evaluation evaluation,
                        List<Escalation> openEscalations, int escalationLevel, List<TimelineEntry> timeline) {

    public record Claim(String claimId, int round, String leadOrgId, List<String> coClaimantOrgIds, String plan,
                        Instant committedDate, boolean withinClaimWindow, String status, Instant submittedAt,
                        String declineReason) {
    }

    /** @param awardedBy FIRST_COME, POSTER or COORDINATOR */
    public record Award(int round, String claimId, String leadOrgId, List<String> coClaimantOrgIds,
                        Instant committedDate, Instant awardedAt, String awardedBy) {
    }

    public record Progress(int percent, String note, String milestone, String orgId, Instant reportedAt, int reports) {
    }

    /** @param status SUBMITTED, ACCEPTED or REJECTED */
    public record Resolution(int round, String resolutionId, String orgId, String summary, String evidence, String status,
                             Instant submittedAt, Instant decidedAt, String rejectionReason, Boolean onTime) {
    }

    public record Evaluation(int round, boolean open, Instant closesAt, int linksIssued, int satisfied,
                             int basicallySatisfied, int dissatisfied, String outcome) {
    }

    public record Escalation(String escalationId, int level, String reason, Instant raisedAt) {
    }

    /** The same view with another timeline (the stored view has none; a topic page shows the whole one). */
    public TopicView withTimeline(List<TimelineEntry> entries) {
        return new TopicView(id, batchId, posterOrgId, direction, title, description, category, expectedOutcome, dueDate,
                priority, location, claimMode, maxCoClaimants, status, round, postedAt, publishedAt, updatedAt, leadOrgId,
                coClaimantOrgIds, claims, award, progress, progressPercent, resolution, evaluation, openEscalations,
                escalationLevel, entries);
    }

    public boolean involves(String orgId) {
        return orgId.equals(posterOrgId) || orgId.equals(leadOrgId) || coClaimantOrgIds.contains(orgId);
    }
}
