package io.jiebang.console.application;

import io.jiebang.console.readmodel.TimelineEntry;
import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.Actor;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.platform.domain.Rejection;
import java.util.List;

/**
 * Who may read what on the board (docs/security.md, "Read rules"). Every read of a topic goes through these
 * rules on the server, whatever the surface: topic page, timeline, lists, exports, Open311 and the live stream.
 * <ul>
 *   <li>A draft is seen only by its poster's staff and the coordinator; to anyone else it does not exist (404).</li>
 *   <li>A bid's plan is seen only by the poster, the bidding organisations and the coordinator until the round's
 *   award; after it, by every reader of the topic.</li>
 *   <li>Residents vote through one-time links and are never named: their votes carry no identity to show.</li>
 *   <li>An appeal (申诉) and its ruling, with the lead's reason and evidence and the coordinator's reason, are seen by
 *   every reader of the topic, as the rejection or the evaluation it appeals is.</li>
 * </ul>
 * Above all these, a district's user reads their own district only (docs/tenancy.md): another district's topics are as
 * unknown to them as topics that do not exist; the city level reads every district. A reader is the verified caller
 * ({@link Actor}), or null for an anonymous one (Open311's public reads, in the jurisdiction asked), who sees what an
 * analyst sees.
 */
public final class ReadRules {

    private ReadRules() {
    }

    public static boolean maySee(Actor reader, TopicView topic) {
        return mayReadDistrict(reader, topic.district())
                && (topic.status() != TopicStatus.DRAFT || maySeeDraftOf(reader, topic.posterOrgId()));
    }

    /**
     * Whether a change may be told to this reader: one of their district (or of the whole deployment), and a draft's only
     * to those who may see the draft.
     */
    public static boolean maySee(Actor reader, BoardChange change) {
        return (change.district() == null || mayReadDistrict(reader, change.district()))
                && (change.draftOf() == null || maySeeDraftOf(reader, change.draftOf()));
    }

    /** Whether the reader may read what belongs to this district. */
    public static boolean mayReadDistrict(Actor reader, String district) {
        return reader == null || reader.mayRead(district);
    }

    /**
     * The district a reader's lists are of: a district's user's own (asking for another is refused); for the city level
     * and anonymous readers the one asked for, or every district (null).
     */
    public static String districtScope(Actor reader, String asked) {
        if (reader == null || !reader.isBoundToDistrict()) {
            return asked;
        }
        if (asked != null && !asked.equals(reader.district())) {
            throw Rejection.forbidden("other-district", "{0} belongs to another district than yours", asked);
        }
        return reader.district();
    }

    /** The drafts a reader's lists may hold besides published topics. */
    public static TopicQuery.Drafts drafts(Actor reader) {
        if (reader != null && reader.isCoordinator()) {
            return TopicQuery.Drafts.ALL;
        }
        return reader != null && reader.role() == Actor.Role.STAFF && reader.orgId() != null
                ? TopicQuery.Drafts.of(reader.orgId()) : TopicQuery.Drafts.NONE;
    }

    /** The topic as this reader may see it: rival plans hidden until the award, in the claims and the timeline. */
    public static TopicView redact(Actor reader, TopicView topic) {
        if (topic.claims().stream().allMatch(claim -> maySeePlan(reader, topic, claim.round(), claim.leadOrgId(), claim.coClaimantOrgIds()))
                && topic.timeline().stream().allMatch(entry -> maySee(reader, topic, entry))) {
            return topic;
        }
        List<TopicView.Claim> claims = topic.claims().stream()
                .map(claim -> maySeePlan(reader, topic, claim.round(), claim.leadOrgId(), claim.coClaimantOrgIds()) ? claim
                        : claim.withoutPlan())
                .toList();
        return new TopicView(topic.id(), topic.batchId(), topic.posterOrgId(), topic.direction(), topic.title(),
                topic.description(), topic.category(), topic.expectedOutcome(), topic.dueDate(), topic.priority(),
                topic.location(), topic.point(), topic.claimMode(), topic.maxCoClaimants(), topic.status(), topic.round(), topic.postedAt(),
                topic.publishedAt(), topic.updatedAt(), topic.leadOrgId(), topic.coClaimantOrgIds(), claims, topic.award(),
                topic.progress(), topic.progressPercent(), topic.resolution(), topic.evaluation(), topic.openEscalations(),
                topic.escalationLevel(), redact(reader, topic, topic.timeline()), topic.timelineSize(), topic.appeal(),
                topic.district());
    }

    /** A timeline of the topic as this reader may see it. */
    public static List<TimelineEntry> redact(Actor reader, TopicView topic, List<TimelineEntry> timeline) {
        return timeline.stream().map(entry -> maySee(reader, topic, entry) ? entry : withoutPlan(entry)).toList();
    }

    private static boolean maySee(Actor reader, TopicView topic, TimelineEntry entry) {
        return !(entry.data() instanceof ClaimSubmitted bid)
                || maySeePlan(reader, topic, bid.round(), bid.leadOrgId(), bid.coClaimantOrgIds());
    }

    private static TimelineEntry withoutPlan(TimelineEntry entry) {
        ClaimSubmitted bid = (ClaimSubmitted) entry.data();
        return new TimelineEntry(entry.eventId(), entry.type(), entry.at(), entry.round(), entry.actorUserId(),
                entry.actorOrgId(), entry.actorRole(), entry.source(), new ClaimSubmitted(bid.topicId(), bid.round(),
                bid.claimId(), bid.leadOrgId(), bid.coClaimantOrgIds(), null, bid.committedDate(), bid.withinClaimWindow()));
    }

    private static boolean maySeePlan(Actor reader, TopicView topic, int round, String leadOrgId, List<String> coClaimants) {
        if (topic.award() != null && topic.award().round() >= round) {
            return true;
        }
        if (reader == null) {
            return false;
        }
        return reader.isCoordinator() || reader.actsFor(topic.posterOrgId()) || reader.actsFor(leadOrgId)
                || coClaimants.stream().anyMatch(reader::actsFor);
    }

    private static boolean maySeeDraftOf(Actor reader, String posterOrgId) {
        return reader != null && (reader.isCoordinator() || reader.actsFor(posterOrgId));
    }
}
