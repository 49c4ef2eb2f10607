package io.jiebang.notification.domain;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.RoundEvent;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicUnclaimed;
import io.jiebang.events.dispatch.EscalationRaised;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.dispatch.ReportingPeriodClosed;
import io.jiebang.events.resolution.AppealDecided;
import io.jiebang.events.resolution.AppealLodged;
import io.jiebang.events.resolution.EvaluationClosed;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.ResolutionSubmitted;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who hears of what (docs: the notification rules).
 * <ul>
 *   <li>The poster hears of claims, the award or assignment, progress reports, the lead saying it is resolved,
 *       every reminder and escalation, its topic going unclaimed, appeals and their rulings.</li>
 *   <li>The team of the round (the lead and its co-claimants) hears of the award or assignment, every reminder and
 *       escalation against it, the verdict on its resolution, the outcome of the evaluation and the ruling on its
 *       appeal; the appellant hears of that ruling too. A team that gave the topic back hears no more of the round.</li>
 *   <li>The coordinators hear of unclaimed topics, level-2 escalations and appeals, and of each batch's periodic digest
 *       (a reporting period closed); district leadership of level-3 escalations.</li>
 *   <li>Nobody hears of its own act: the organisation the event's actor acted for is never told of it.</li>
 * </ul>
 * A batch's event ({@link #decideBatch}) carries all it says and names no topic: it is decided from the event alone.
 * When a fact the rules need has not been heard yet (events of one topic come on several Kafka topics, in no fixed
 * order between them) the answer is to {@link Decision.Wait}, never to tell fewer recipients.
 */
public final class NotificationRules {

    /** The kind of a batch's periodic digest: it is about a batch and a period, not a topic. */
    public static final String DIGEST = "ReportingPeriodClosed";

    /** The kinds of event that notify, by their type names: what a recipient's settings choose from. */
    public static final List<String> KINDS = List.of("ClaimSubmitted", "ClaimAwarded", "TopicAssigned", "TopicUnclaimed",
            "ProgressReported", "EscalationRaised", "ResolutionSubmitted", "ResolutionRejected", "ResolutionAccepted",
            "EvaluationClosed", "AppealLodged", "AppealDecided", DIGEST);

    /** The escalation level that goes to the coordinators, and the one that goes to district leadership. */
    private static final int COORDINATOR_LEVEL = 2;
    private static final int LEADERSHIP_LEVEL = 3;

    private NotificationRules() {
    }

    /** What the rules say about an event. */
    public sealed interface Decision {

        /** Tell these (none when nobody is concerned). */
        record Notify(List<Notification> notifications) implements Decision {

            public Notify {
                notifications = List.copyOf(notifications);
            }
        }

        /** A fact the event needs is not known yet: decide again once it is. */
        record Wait(String missing) implements Decision {
        }
    }

    public static boolean notifies(String eventType) {
        return KINDS.contains(eventType);
    }

    public static Decision decide(EventEnvelope event, TopicRecord record) {
        DomainEvent data = event.data();
        if (!notifies(event.type()) || !(data instanceof RoundEvent about)) {
            return new Decision.Notify(List.of());
        }
        if (!record.published()) {
            return new Decision.Wait("the publication of topic " + about.topicId());
        }
        Set<String> recipients = new LinkedHashSet<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        String poster = record.posterOrgId();
        if (data instanceof ClaimSubmitted bid) {
            recipients.add(poster);
            fields.put("leadOrgId", bid.leadOrgId());
            fields.put("coClaimantOrgIds", listOf(bid.coClaimantOrgIds()));
        } else if (data instanceof ClaimAwarded award) {
            recipients.add(poster);
            recipients.add(award.leadOrgId());
            recipients.addAll(listOf(award.coClaimantOrgIds()));
            fields.put("leadOrgId", award.leadOrgId());
            fields.put("coClaimantOrgIds", listOf(award.coClaimantOrgIds()));
            fields.put("awardedBy", award.awardedBy().name());
        } else if (data instanceof TopicAssigned assignment) {
            recipients.add(poster);
            recipients.add(assignment.orgId());
            fields.put("orgId", assignment.orgId());
        } else if (data instanceof TopicUnclaimed) {
            recipients.add(poster);
            recipients.add(Recipients.coordinatorOf(event.district()));
        } else if (data instanceof ProgressReported report) {
            recipients.add(poster);
            fields.put("orgId", report.orgId());
            fields.put("percent", report.percent());
            if (report.milestone() != null) {
                fields.put("milestone", report.milestone());
            }
        } else if (data instanceof EscalationRaised escalation) {
            recipients.add(poster);
            if (escalation.leadOrgId() != null) {
                Optional<List<String>> team = teamOf(record, escalation.round());
                if (team.isEmpty()) {
                    return waitForTeam(escalation.round());
                }
                recipients.addAll(team.get());
            }
            if (escalation.level() == COORDINATOR_LEVEL) {
                recipients.add(Recipients.coordinatorOf(event.district()));
            } else if (escalation.level() == LEADERSHIP_LEVEL) {
                recipients.add(Recipients.leadershipOf(event.district()));
            }
            fields.put("level", escalation.level());
            fields.put("reason", escalation.reason().name());
            if (escalation.leadOrgId() != null) {
                fields.put("leadOrgId", escalation.leadOrgId());
            }
        } else if (data instanceof ResolutionSubmitted submitted) {
            recipients.add(poster);
            fields.put("orgId", submitted.orgId());
        } else if (data instanceof ResolutionRejected rejected) {
            Optional<List<String>> team = teamOf(record, rejected.round());
            if (team.isEmpty()) {
                return waitForTeam(rejected.round());
            }
            recipients.addAll(team.get());
            fields.put("reason", rejected.reason());
        } else if (data instanceof ResolutionAccepted accepted) {
            Optional<List<String>> team = teamOf(record, accepted.round());
            if (team.isEmpty()) {
                return waitForTeam(accepted.round());
            }
            recipients.addAll(team.get());
            fields.put("onTime", accepted.onTime());
        } else if (data instanceof EvaluationClosed evaluation) {
            Optional<List<String>> team = teamOf(record, evaluation.round());
            if (team.isEmpty()) {
                return waitForTeam(evaluation.round());
            }
            recipients.addAll(team.get());
            fields.put("outcome", evaluation.outcome().name());
            fields.put("satisfied", evaluation.satisfied());
            fields.put("basicallySatisfied", evaluation.basicallySatisfied());
            fields.put("dissatisfied", evaluation.dissatisfied());
        } else if (data instanceof AppealLodged appeal) {
            recipients.add(poster);
            recipients.add(Recipients.coordinatorOf(event.district()));
            fields.put("orgId", appeal.orgId());
            fields.put("subject", appeal.subject().name());
        } else if (data instanceof AppealDecided ruling) {
            Optional<String> appellant = record.appellant(ruling.appealId());
            if (appellant.isEmpty()) {
                return new Decision.Wait("appeal " + ruling.appealId() + " of topic " + ruling.topicId());
            }
            Optional<List<String>> team = teamOf(record, ruling.round());
            if (team.isEmpty()) {
                return waitForTeam(ruling.round());
            }
            recipients.add(poster);
            recipients.add(appellant.get());
            recipients.addAll(team.get());
            fields.put("orgId", appellant.get());
            fields.put("subject", ruling.subject().name());
            fields.put("ruling", ruling.ruling().name());
            fields.put("reason", ruling.reason());
        }
        recipients.remove(event.actor().orgId());
        return new Decision.Notify(recipients.stream()
                .map(recipient -> new Notification(Notification.idOf(event.eventId(), recipient), recipient, event.eventId(),
                        event.type(), about.topicId(), record.title(), about.round(), fields, event.occurredAt()))
                .toList());
    }

    /**
     * What an event of a batch says (it names no topic, so it has no topic's record and never waits): a reporting
     * period closed tells the coordinators that the period's digest is ready, with its dates and counts. Nobody is
     * told of any other event here.
     */
    public static List<Notification> decideBatch(EventEnvelope event) {
        if (!(event.data() instanceof ReportingPeriodClosed closed) || !notifies(event.type())) {
            return List.of();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("batchId", closed.batchId());
        fields.put("period", closed.period());
        fields.put("periodStart", closed.periodStart().toString());
        fields.put("periodEnd", closed.periodEnd().toString());
        fields.put("organisations", sizeOf(closed.organisations()));
        fields.put("overdue", sizeOf(closed.overdue()));
        fields.put("escalated", sizeOf(closed.escalated()));
        String recipient = Recipients.coordinatorOf(event.district());
        return List.of(new Notification(Notification.idOf(event.eventId(), recipient), recipient, event.eventId(),
                event.type(), null, null, 0, fields, event.occurredAt()));
    }

    private static int sizeOf(List<?> values) {
        return values == null ? 0 : values.size();
    }

    /** The round's team, empty when it is not known yet; no one when it gave the topic back. */
    private static Optional<List<String>> teamOf(TopicRecord record, int round) {
        return record.team(round).map(team -> team.withdrawn() ? List.of() : team.members());
    }

    private static Decision waitForTeam(int round) {
        return new Decision.Wait("the team of round " + round);
    }

    private static List<String> listOf(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
