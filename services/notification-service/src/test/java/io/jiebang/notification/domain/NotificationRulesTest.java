package io.jiebang.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.Direction;
import io.jiebang.events.EventCatalog;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.Verdict;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.events.claim.CoClaimantAccepted;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicUnclaimed;
import io.jiebang.events.dispatch.EscalationRaised;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.dispatch.ReportingPeriodClosed;
import io.jiebang.events.resolution.AppealDecided;
import io.jiebang.events.resolution.AppealLodged;
import io.jiebang.events.resolution.EvaluationClosed;
import io.jiebang.events.resolution.EvaluationVoteCast;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.notification.domain.NotificationRules.Decision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationRulesTest {

    static final Instant AT = Instant.parse("2026-03-10T08:00:00Z");
    static final Actor POSTER = new Actor("u-street", "street-01", Actor.Role.STAFF);
    static final Actor LEAD = new Actor("u-lead", "dept-01", Actor.Role.STAFF);
    static final Actor COORDINATOR = new Actor("u-coordinator", null, Actor.Role.COORDINATOR);

    static final TopicRecord PUBLISHED = new TopicRecord("t1", "street-01", "加装电梯", "b1", Map.of(), Map.of());
    static final TopicRecord WORKED_ON = new TopicRecord("t1", "street-01", "加装电梯", "b1",
            Map.of(1, new TopicRecord.Team("dept-01", List.of("dept-02"), false)), Map.of());
    static final TopicRecord APPEALED = new TopicRecord("t1", "street-01", "加装电梯", "b1",
            Map.of(1, new TopicRecord.Team("dept-01", List.of("dept-02"), false)), Map.of("a1", "dept-01"));

    @Test
    void everyKindWaitsForThePublicationOfItsTopic() {
        Decision decision = decide(new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), null, AT, true), LEAD,
                TopicRecord.unknown("t1"));
        assertThat(decision).isInstanceOf(Decision.Wait.class);
        assertThat(((Decision.Wait) decision).missing()).contains("publication");
    }

    @Test
    void eventsThatConcernNobodyNotifyNobodyWhateverIsKnown() {
        assertThat(recipients(decide(new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "加装电梯",
                "SW-01", AT, ClaimMode.FIRST_COME, 2), POSTER, TopicRecord.unknown("t1")))).isEmpty();
        assertThat(recipients(decide(new EvaluationVoteCast("t1", 1, "v1", Verdict.SATISFIED, null), Actor.RESIDENT,
                TopicRecord.unknown("t1")))).isEmpty();
        assertThat(recipients(decide(new CoClaimantAccepted("t1", 1, "c1", "dept-02", true), LEAD, WORKED_ON))).isEmpty();
        assertThat(recipients(decide(new AwardWithdrawn("t1", 1, "c1", "dept-01", "人手不足"), LEAD, WORKED_ON))).isEmpty();
    }

    @Test
    void thePosterHearsOfAClaimWithWhoClaimed() {
        Decision decision = decide(new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of("dept-02"), null, AT, true), LEAD, PUBLISHED);
        assertThat(recipients(decision)).containsExactly("street-01");
        Notification told = notifications(decision).get(0);
        assertThat(told.fields()).containsExactly(Map.entry("leadOrgId", "dept-01"), Map.entry("coClaimantOrgIds", List.of("dept-02")));
        assertThat(told.title()).isEqualTo("加装电梯");
        assertThat(told.round()).isEqualTo(1);
        assertThat(told.topicId()).isEqualTo("t1");
        assertThat(told.eventType()).isEqualTo("ClaimSubmitted");
        assertThat(told.occurredAt()).isEqualTo(AT);
    }

    @Test
    void anAwardGoesToThePosterAndTheTeamButNotToWhoeverMadeIt() {
        ClaimAwarded firstCome = new ClaimAwarded("t1", 1, "c1", "dept-01", List.of("dept-02"), AT, true,
                ClaimAwarded.AwardedBy.FIRST_COME);
        assertThat(recipients(decide(firstCome, LEAD, WORKED_ON))).containsExactly("street-01", "dept-02");
        ClaimAwarded chosen = new ClaimAwarded("t1", 1, "c1", "dept-01", List.of("dept-02"), AT, true,
                ClaimAwarded.AwardedBy.POSTER);
        Decision decision = decide(chosen, POSTER, WORKED_ON);
        assertThat(recipients(decision)).containsExactly("dept-01", "dept-02");
        assertThat(notifications(decision).get(0).fields()).containsEntry("awardedBy", "POSTER")
                .containsEntry("coClaimantOrgIds", List.of("dept-02"));
    }

    @Test
    void anAssignmentGoesToThePosterAndTheAssignee() {
        Decision decision = decide(new TopicAssigned("t1", 2, "dept-03", AT), COORDINATOR, PUBLISHED);
        assertThat(recipients(decision)).containsExactly("street-01", "dept-03");
        assertThat(notifications(decision).get(0).fields()).containsExactly(Map.entry("orgId", "dept-03"));
    }

    @Test
    void anUnclaimedTopicGoesToThePosterAndTheCoordinators() {
        assertThat(recipients(decide(new TopicUnclaimed("t1", 1), Actor.SYSTEM, PUBLISHED)))
                .containsExactly("street-01", Recipients.COORDINATOR);
    }

    @Test
    void progressAndTheResolutionAreToldToThePoster() {
        Decision report = decide(new ProgressReported("t1", 1, "p1", "dept-02", 40, "选址完成", "选址"), LEAD, WORKED_ON);
        assertThat(recipients(report)).containsExactly("street-01");
        assertThat(notifications(report).get(0).fields())
                .containsExactly(Map.entry("orgId", "dept-02"), Map.entry("percent", 40), Map.entry("milestone", "选址"));
        Decision withoutMilestone = decide(new ProgressReported("t1", 1, "p2", "dept-01", 60, "进行中", null), LEAD, WORKED_ON);
        assertThat(notifications(withoutMilestone).get(0).fields()).doesNotContainKey("milestone");
        assertThat(recipients(decide(new ResolutionSubmitted("t1", 1, "r1", "dept-01", "完成", null), LEAD, WORKED_ON)))
                .containsExactly("street-01");
    }

    @Test
    void aReminderGoesToThePosterAndTheTeamAndEachEscalationFurtherUp() {
        assertThat(recipients(decide(escalation(1, EscalationRaised.Reason.MISSED_PERIOD, "dept-01"), Actor.SYSTEM, WORKED_ON)))
                .containsExactly("street-01", "dept-01", "dept-02");
        assertThat(recipients(decide(escalation(2, EscalationRaised.Reason.MISSED_TWO_PERIODS, "dept-01"), Actor.SYSTEM, WORKED_ON)))
                .containsExactly("street-01", "dept-01", "dept-02", Recipients.COORDINATOR);
        Decision third = decide(escalation(3, EscalationRaised.Reason.OVERDUE_BEYOND_GRACE, "dept-01"), Actor.SYSTEM, WORKED_ON);
        assertThat(recipients(third)).containsExactly("street-01", "dept-01", "dept-02", Recipients.LEADERSHIP);
        assertThat(notifications(third).get(0).fields()).containsExactly(Map.entry("level", 3),
                Map.entry("reason", "OVERDUE_BEYOND_GRACE"), Map.entry("leadOrgId", "dept-01"));
    }

    @Test
    void aStageLimitWithoutALeadGoesToThePosterAndUp() {
        assertThat(recipients(decide(escalation(1, EscalationRaised.Reason.AWARD_OVERDUE, null), Actor.SYSTEM, PUBLISHED)))
                .containsExactly("street-01");
        assertThat(recipients(decide(escalation(2, EscalationRaised.Reason.ASSIGNMENT_OVERDUE, null), Actor.SYSTEM, PUBLISHED)))
                .containsExactly("street-01", Recipients.COORDINATOR);
    }

    @Test
    void anEscalationAgainstATeamNotHeardOfYetWaits() {
        assertThat(decide(escalation(1, EscalationRaised.Reason.MISSED_PERIOD, "dept-01"), Actor.SYSTEM, PUBLISHED))
                .isEqualTo(new Decision.Wait("the team of round 1"));
    }

    @Test
    void aTeamThatGaveTheTopicBackHearsNoMoreOfItsRound() {
        TopicRecord withdrawn = new TopicRecord("t1", "street-01", "加装电梯", "b1",
                Map.of(1, new TopicRecord.Team("dept-01", List.of("dept-02"), true)), Map.of());
        assertThat(recipients(decide(escalation(1, EscalationRaised.Reason.MISSED_PERIOD, "dept-01"), Actor.SYSTEM, withdrawn)))
                .containsExactly("street-01");
    }

    @Test
    void theVerdictAndTheEvaluationGoToTheTeamOfTheirRound() {
        Decision rejected = decide(new ResolutionRejected("t1", 1, "r1", "材料不全", AT), POSTER, WORKED_ON);
        assertThat(recipients(rejected)).containsExactly("dept-01", "dept-02");
        assertThat(notifications(rejected).get(0).fields()).containsExactly(Map.entry("reason", "材料不全"));
        Decision accepted = decide(new ResolutionAccepted("t1", 1, "r1", "dept-01", true, AT), POSTER, WORKED_ON);
        assertThat(recipients(accepted)).containsExactly("dept-01", "dept-02");
        assertThat(notifications(accepted).get(0).fields()).containsExactly(Map.entry("onTime", true));
        Decision evaluated = decide(new EvaluationClosed("t1", 1, 1, 0, 2, EvaluationClosed.Outcome.REOPENED,
                EvaluationClosed.Cause.WINDOW_ENDED), Actor.SYSTEM, WORKED_ON);
        assertThat(recipients(evaluated)).containsExactly("dept-01", "dept-02");
        assertThat(notifications(evaluated).get(0).fields()).containsExactly(Map.entry("outcome", "REOPENED"),
                Map.entry("satisfied", 1), Map.entry("basicallySatisfied", 0), Map.entry("dissatisfied", 2));
        assertThat(decide(new ResolutionRejected("t1", 2, "r2", "材料不全", AT), POSTER, WORKED_ON))
                .as("the team of round 1 is not that of round 2").isEqualTo(new Decision.Wait("the team of round 2"));
    }

    @Test
    void anAppealGoesToThePosterAndTheCoordinatorsAndItsRulingToBothSidesAndTheTeam() {
        Decision lodged = decide(new AppealLodged("t1", 1, "a1", AppealLodged.Subject.REJECTED_RESOLUTION, "dept-01",
                "材料已补齐", null), LEAD, WORKED_ON);
        assertThat(recipients(lodged)).containsExactly("street-01", Recipients.COORDINATOR);
        assertThat(notifications(lodged).get(0).fields()).containsExactly(Map.entry("orgId", "dept-01"),
                Map.entry("subject", "REJECTED_RESOLUTION"));

        AppealDecided ruling = new AppealDecided("t1", 1, "a1", AppealLodged.Subject.REJECTED_RESOLUTION,
                AppealDecided.Ruling.OVERTURNED, "材料齐全");
        assertThat(decide(ruling, COORDINATOR, WORKED_ON)).isEqualTo(new Decision.Wait("appeal a1 of topic t1"));
        Decision decided = decide(ruling, COORDINATOR, APPEALED);
        assertThat(recipients(decided)).containsExactly("street-01", "dept-01", "dept-02");
        assertThat(notifications(decided).get(0).fields()).containsExactly(Map.entry("orgId", "dept-01"),
                Map.entry("subject", "REJECTED_RESOLUTION"), Map.entry("ruling", "OVERTURNED"), Map.entry("reason", "材料齐全"));
    }

    @Test
    void nobodyHearsOfItsOwnAct() {
        Actor coClaimant = new Actor("u-co", "dept-02", Actor.Role.STAFF);
        assertThat(recipients(decide(escalation(1, EscalationRaised.Reason.MISSED_PERIOD, "dept-01"), coClaimant, WORKED_ON)))
                .containsExactly("street-01", "dept-01");
        assertThat(recipients(decide(new ProgressReported("t1", 1, "p1", "street-01", 40, "", null), POSTER, WORKED_ON)))
                .isEmpty();
    }

    @Test
    void aNotificationIsNamedByItsEventAndRecipient() {
        EventEnvelope event = envelope(new TopicUnclaimed("t1", 1), Actor.SYSTEM);
        Decision decision = NotificationRules.decide(event, PUBLISHED);
        assertThat(notifications(decision)).extracting(Notification::id)
                .containsExactly(event.eventId() + ":street-01", event.eventId() + ":coordinator");
        assertThat(notifications(decision)).allSatisfy(told -> assertThat(told.eventId()).isEqualTo(event.eventId()));
    }

    @Test
    void aClosedReportingPeriodTellsTheCoordinatorsOfTheDigestAndNobodyElse() {
        EventEnvelope closed = envelope(periodClosed("b-7", 3), Actor.SYSTEM);
        List<Notification> told = NotificationRules.decideBatch(closed);
        assertThat(told).extracting(Notification::recipient).containsExactly(Recipients.COORDINATOR);
        Notification digest = told.get(0);
        assertThat(digest.id()).isEqualTo(closed.eventId() + ":coordinator");
        assertThat(digest.eventId()).isEqualTo(closed.eventId());
        assertThat(digest.eventType()).isEqualTo("ReportingPeriodClosed").isEqualTo(NotificationRules.DIGEST);
        assertThat(digest.topicId()).as("about a batch, not a topic").isNull();
        assertThat(digest.title()).isNull();
        assertThat(digest.round()).isZero();
        assertThat(digest.occurredAt()).isEqualTo(AT);
        assertThat(digest.fields()).containsExactly(Map.entry("batchId", "b-7"), Map.entry("period", 3),
                Map.entry("periodStart", "2026-02-28T16:00:00Z"), Map.entry("periodEnd", "2026-03-14T16:00:00Z"),
                Map.entry("organisations", 2), Map.entry("overdue", 2), Map.entry("escalated", 1));
        assertThat(digest.page()).isEqualTo("#/digests?batch=b-7&period=3");
        assertThat(NotificationRules.KINDS).contains("ReportingPeriodClosed");
    }

    @Test
    void theDigestIsNoTopicsEventAndATopicsEventNoBatchs() {
        assertThat(recipients(decide(periodClosed("b-7", 1), Actor.SYSTEM, PUBLISHED))).isEmpty();
        assertThat(NotificationRules.decideBatch(envelope(new TopicUnclaimed("t1", 1), Actor.SYSTEM))).isEmpty();
        assertThat(NotificationRules.decideBatch(envelope(new ReportingPeriodClosed("b 8/9", 2, AT, AT, AT, null, null, null),
                Actor.SYSTEM))).singleElement().satisfies(digest -> {
                    assertThat(digest.fields()).containsEntry("overdue", 0).containsEntry("escalated", 0)
                            .containsEntry("organisations", 0);
                    assertThat(digest.page()).isEqualTo("#/digests?batch=b+8%2F9&period=2");
                });
        Notification topics = notifications(decide(new TopicUnclaimed("t 1", 1), Actor.SYSTEM, PUBLISHED)).get(0);
        assertThat(topics.page()).isEqualTo("#/topics/t+1");
    }

    static ReportingPeriodClosed periodClosed(String batchId, int period) {
        Instant start = Instant.parse("2026-02-28T16:00:00Z");
        ReportingPeriodClosed.TopicLine late = new ReportingPeriodClosed.TopicLine("t1", "加装电梯", "dept-01", AT, 40, AT, 2);
        ReportingPeriodClosed.TopicLine later = new ReportingPeriodClosed.TopicLine("t2", "垃圾分类", "dept-02", AT, null, null, 0);
        return new ReportingPeriodClosed(batchId, period, start, Instant.parse("2026-03-14T16:00:00Z"), AT,
                List.of(new ReportingPeriodClosed.OrganisationProgress("dept-01", 1, 0, 0, 40, 1, 1, 1),
                        new ReportingPeriodClosed.OrganisationProgress("dept-02", 1, 0, 0, null, 0, 1, 0)),
                List.of(late, later), List.of(late));
    }

    @Test
    void everyKindIsAKindTheRulesTell() {
        assertThat(NotificationRules.KINDS).allSatisfy(kind -> assertThat(EventCatalog.byName(kind)).isPresent());
        assertThat(NotificationRules.notifies("TopicPublished")).isFalse();
        assertThat(NotificationRules.notifies("EscalationRaised")).isTrue();
    }

    static EscalationRaised escalation(int level, EscalationRaised.Reason reason, String leadOrgId) {
        return new EscalationRaised("t1", 1, "e" + level, "b1", leadOrgId, level, reason, AT);
    }

    static EventEnvelope envelope(DomainEvent data, Actor actor) {
        return EventEnvelope.wrap(data, 1, AT, "/test", actor, "c", null);
    }

    static Decision decide(DomainEvent data, Actor actor, TopicRecord record) {
        return NotificationRules.decide(envelope(data, actor), record);
    }

    static List<Notification> notifications(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Notify.class);
        return ((Decision.Notify) decision).notifications();
    }

    static List<String> recipients(Decision decision) {
        return notifications(decision).stream().map(Notification::recipient).toList();
    }
}
