package io.jiebang.console.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.Priority;
import io.jiebang.events.Verdict;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.CoClaimantAccepted;
import io.jiebang.events.claim.CoClaimantDeclined;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.dispatch.EscalationRaised;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.resolution.AppealDecided;
import io.jiebang.events.resolution.AppealLodged;
import io.jiebang.events.resolution.EvaluationClosed;
import io.jiebang.events.resolution.EvaluationVoteCast;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.events.resolution.TopicClosed;
import io.jiebang.events.resolution.TopicReopened;
import io.jiebang.events.topic.TopicPosted;
import io.jiebang.events.topic.TopicPublished;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class TopicBoardTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant DUE = T0.plusSeconds(86400 * 30);
    final List<EventEnvelope> events = new ArrayList<>();

    @Test
    void aWholeLifeShowsEveryStageAndWhoActed() {
        at(0, "street-01", new TopicPosted("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "加装电梯", "描述", "SW-01",
                "完成", DUE, Priority.HIGH, null, null, ClaimMode.FIRST_COME, 1));
        at(1, "street-01", new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "加装电梯", "SW-01", DUE,
                ClaimMode.FIRST_COME, 1));
        at(2, "dept-01", new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of("dept-02", "dept-03"), "计划", DUE, true));
        at(2, "dept-01", new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), DUE, true, ClaimAwarded.AwardedBy.FIRST_COME));
        TopicView awarded = fold();
        assertThat(awarded.status()).isEqualTo(TopicStatus.AWARDED);
        assertThat(awarded.coClaimantOrgIds()).as("named, not yet accepted").isEmpty();
        at(3, "dept-02", new CoClaimantAccepted("t1", 1, "c1", "dept-02", true));
        at(3, "dept-03", new CoClaimantDeclined("t1", 1, "c1", "dept-03"));
        TopicView answered = fold();
        assertThat(answered.coClaimantOrgIds()).containsExactly("dept-02");
        assertThat(answered.claims().get(0).acceptedCoClaimantOrgIds()).containsExactly("dept-02");
        assertThat(answered.claims().get(0).declinedCoClaimantOrgIds()).containsExactly("dept-03");
        at(3, "dept-02", new ProgressReported("t1", 1, "p1", "dept-02", 40, "进行中", null));
        TopicView working = fold();
        assertThat(working.status()).isEqualTo(TopicStatus.IN_PROGRESS);
        assertThat(working.progressPercent()).isEqualTo(40);
        assertThat(working.coClaimantOrgIds()).containsExactly("dept-02");
        at(4, "dept-01", new ResolutionSubmitted("t1", 1, "r1", "dept-01", "完成", null));
        at(5, "street-01", new ResolutionAccepted("t1", 1, "r1", "dept-01", true, T0.plusSeconds(86400 * 10)));
        at(6, null, new EvaluationVoteCast("t1", 1, "v1", Verdict.SATISFIED, null));
        at(7, "street-01", new EvaluationClosed("t1", 1, 1, 0, 0, EvaluationClosed.Outcome.CLOSED, EvaluationClosed.Cause.CLOSED_BY_USER));
        at(7, "street-01", new TopicClosed("t1", 1));
        TopicView closed = fold();
        assertThat(closed.status()).isEqualTo(TopicStatus.CLOSED);
        assertThat(closed.resolution().status()).isEqualTo("ACCEPTED");
        assertThat(closed.evaluation().satisfied()).isEqualTo(1);
        assertThat(closed.timeline()).hasSize(12);
        assertThat(closed.timeline().get(6)).extracting(TimelineEntry::type, TimelineEntry::actorOrgId)
                .containsExactly("ProgressReported", "dept-02");
    }

    @Test
    void anEvaluationBelowItsQuorumClosesTheTopicUnratedWithTheCoordinatorsReason() {
        at(0, "street-01", new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "t", "SW-01", DUE,
                ClaimMode.FIRST_COME, 0));
        at(1, "dept-01", new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), DUE, true, ClaimAwarded.AwardedBy.FIRST_COME));
        at(2, "dept-01", new ResolutionSubmitted("t1", 1, "r1", "dept-01", "完成", null));
        at(3, "street-01", new ResolutionAccepted("t1", 1, "r1", "dept-01", true, T0.plusSeconds(86400 * 10),
                new io.jiebang.events.batch.EvaluationSettings(4, 48, 20)));
        TopicView open = fold();
        assertThat(open.evaluation()).extracting(TopicView.Evaluation::quorum, TopicView.Evaluation::linksPerRound,
                TopicView.Evaluation::earliestCloseAt).containsExactly(4, 20, T0.plusSeconds(86400 * 5));
        at(4, null, new EvaluationVoteCast("t1", 1, "v1", Verdict.SATISFIED, null));
        at(5, "coordinator", new EvaluationClosed("t1", 1, 1, 0, 0, EvaluationClosed.Outcome.INCONCLUSIVE,
                EvaluationClosed.Cause.CLOSED_EARLY, "居民已搬迁"));
        at(5, "coordinator", new TopicClosed("t1", 1));
        TopicView closed = fold();
        assertThat(closed.status()).isEqualTo(TopicStatus.CLOSED_UNRATED);
        assertThat(closed.evaluation()).extracting(TopicView.Evaluation::outcome, TopicView.Evaluation::cause,
                TopicView.Evaluation::reason).containsExactly("INCONCLUSIVE", "CLOSED_EARLY", "居民已搬迁");
    }

    @Test
    void anEvaluationStoredBeforeTheQuorumExistedStillReads() {
        String stored = """
                {"round":1,"open":false,"closesAt":"2026-03-08T00:00:00Z","linksIssued":2,"satisfied":1,
                 "basicallySatisfied":0,"dissatisfied":0,"outcome":"CLOSED"}""";
        TopicView.Evaluation read = tools.jackson.databind.json.JsonMapper.builder().build()
                .readValue(stored, TopicView.Evaluation.class);
        assertThat(read.outcome()).isEqualTo("CLOSED");
        assertThat(read.quorum()).isNull();
    }

    @Test
    void aRejectionTheLeadAppealsAndACoordinatorOverturnsCountsAsAccepted() {
        Instant until = T0.plusSeconds(86400 * 10);
        at(0, "street-01", new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "t", "SW-01", DUE,
                ClaimMode.FIRST_COME, 0));
        at(1, "dept-01", new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), DUE, true, ClaimAwarded.AwardedBy.FIRST_COME));
        at(2, "dept-01", new ResolutionSubmitted("t1", 1, "r1", "dept-01", "完成", "照片"));
        at(3, "street-01", new ResolutionRejected("t1", 1, "r1", "缺少照片", until));
        TopicView rejected = fold();
        assertThat(rejected.status()).isEqualTo(TopicStatus.IN_PROGRESS);
        assertThat(rejected.appeal()).extracting(TopicView.Appeal::status, TopicView.Appeal::subject, TopicView.Appeal::round,
                TopicView.Appeal::orgId, TopicView.Appeal::appealableUntil, TopicView.Appeal::appealId)
                .containsExactly("APPEALABLE", "REJECTED_RESOLUTION", 1, "dept-01", until, null);

        at(4, "dept-01", new AppealLodged("t1", 1, "a1", AppealLodged.Subject.REJECTED_RESOLUTION, "dept-01", "照片已附", "现场照片三张"));
        TopicView lodged = fold();
        assertThat(lodged.appeal()).extracting(TopicView.Appeal::status, TopicView.Appeal::appealId, TopicView.Appeal::reason,
                TopicView.Appeal::evidence, TopicView.Appeal::lodgedAt, TopicView.Appeal::appealableUntil)
                .containsExactly("PENDING", "a1", "照片已附", "现场照片三张", T0.plusSeconds(86400 * 4), until);
        assertThat(lodged.status()).isEqualTo(TopicStatus.IN_PROGRESS);

        at(5, "coordinator", new AppealDecided("t1", 1, "a1", AppealLodged.Subject.REJECTED_RESOLUTION,
                AppealDecided.Ruling.OVERTURNED, "材料齐全"));
        at(5, "coordinator", new ResolutionAccepted("t1", 1, "r1", "dept-01", true, T0.plusSeconds(86400 * 12)));
        TopicView overturned = fold();
        assertThat(overturned.status()).isEqualTo(TopicStatus.RESOLVED);
        assertThat(overturned.resolution().status()).isEqualTo("ACCEPTED");
        assertThat(overturned.evaluation().open()).isTrue();
        assertThat(overturned.appeal()).extracting(TopicView.Appeal::status, TopicView.Appeal::ruling,
                TopicView.Appeal::rulingReason, TopicView.Appeal::decidedAt, TopicView.Appeal::reason)
                .containsExactly("OVERTURNED", "OVERTURNED", "材料齐全", T0.plusSeconds(86400 * 5), "照片已附");
        assertThat(overturned.timeline()).extracting(TimelineEntry::type).contains("AppealLodged", "AppealDecided");
        assertIncrementalFoldAgrees();
    }

    @Test
    void aReopeningOverturnedOnAppealClosesTheTopicWithTheAppealedRoundsTeamAndResolution() {
        Instant until = T0.plusSeconds(86400 * 20);
        at(0, "street-01", new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "t", "SW-01", DUE,
                ClaimMode.FIRST_COME, 1));
        at(1, "dept-01", new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), DUE, true, ClaimAwarded.AwardedBy.FIRST_COME));
        at(1, "dept-02", new CoClaimantAccepted("t1", 1, "c1", "dept-02", true));
        at(2, "dept-01", new ProgressReported("t1", 1, "p1", "dept-01", 100, "完工", null));
        at(3, "dept-01", new ResolutionSubmitted("t1", 1, "r1", "dept-01", "完成", null));
        at(4, "street-01", new ResolutionAccepted("t1", 1, "r1", "dept-01", true, T0.plusSeconds(86400 * 11)));
        at(5, null, new EvaluationVoteCast("t1", 1, "v1", Verdict.DISSATISFIED, null));
        at(6, "street-01", new EvaluationClosed("t1", 1, 0, 0, 1, EvaluationClosed.Outcome.REOPENED,
                EvaluationClosed.Cause.CLOSED_BY_USER, null, until));
        at(6, "street-01", new TopicReopened("t1", 1, 2));
        at(6, "dept-01", new RoundOpened("t1", 2, RoundOpened.Cause.REOPENED_AFTER_EVALUATION));
        TopicView reopened = fold();
        assertThat(reopened.status()).isEqualTo(TopicStatus.OPEN);
        assertThat(reopened.award()).isNull();
        assertThat(reopened.appeal()).extracting(TopicView.Appeal::status, TopicView.Appeal::subject, TopicView.Appeal::round,
                TopicView.Appeal::orgId).containsExactly("APPEALABLE", "EVALUATION_OUTCOME", 1, "dept-01");

        at(7, "dept-01", new AppealLodged("t1", 1, "a1", AppealLodged.Subject.EVALUATION_OUTCOME, "dept-01", "投票者非本小区居民", null));
        at(8, "coordinator", new AppealDecided("t1", 1, "a1", AppealLodged.Subject.EVALUATION_OUTCOME,
                AppealDecided.Ruling.OVERTURNED, "评议无效"));
        at(8, "coordinator", new TopicClosed("t1", 2));
        TopicView closed = fold();
        assertThat(closed.status()).isEqualTo(TopicStatus.CLOSED);
        assertThat(closed.round()).as("the reopening undone").isEqualTo(1);
        assertThat(closed.leadOrgId()).isEqualTo("dept-01");
        assertThat(closed.coClaimantOrgIds()).containsExactly("dept-02");
        assertThat(closed.award().round()).isEqualTo(1);
        assertThat(closed.resolution()).extracting(TopicView.Resolution::resolutionId, TopicView.Resolution::status)
                .containsExactly("r1", "ACCEPTED");
        assertThat(closed.progressPercent()).isEqualTo(100);
        assertThat(closed.appeal()).extracting(TopicView.Appeal::status, TopicView.Appeal::rulingReason)
                .containsExactly("OVERTURNED", "评议无效");
        assertIncrementalFoldAgrees();
    }

    @Test
    void anUpheldAppealChangesNothingAndARoundIsAppealedOnce() {
        at(0, "street-01", new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "t", "SW-01", DUE,
                ClaimMode.FIRST_COME, 0));
        at(1, "dept-01", new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), DUE, true, ClaimAwarded.AwardedBy.FIRST_COME));
        at(2, "dept-01", new ResolutionSubmitted("t1", 1, "r1", "dept-01", "完成", null));
        at(3, "street-01", new ResolutionRejected("t1", 1, "r1", "缺少照片", T0.plusSeconds(86400 * 10)));
        at(4, "dept-01", new AppealLodged("t1", 1, "a1", AppealLodged.Subject.REJECTED_RESOLUTION, "dept-01", "已整改", null));
        at(5, "coordinator", new AppealDecided("t1", 1, "a1", AppealLodged.Subject.REJECTED_RESOLUTION,
                AppealDecided.Ruling.UPHELD, "确实缺少照片"));
        TopicView upheld = fold();
        assertThat(upheld.status()).isEqualTo(TopicStatus.IN_PROGRESS);
        assertThat(upheld.resolution().status()).isEqualTo("REJECTED");
        assertThat(upheld.appeal()).extracting(TopicView.Appeal::status, TopicView.Appeal::rulingReason)
                .containsExactly("UPHELD", "确实缺少照片");

        at(6, "dept-01", new ResolutionSubmitted("t1", 1, "r2", "dept-01", "补充照片", null));
        at(7, "street-01", new ResolutionRejected("t1", 1, "r2", "仍不合格", T0.plusSeconds(86400 * 14)));
        assertThat(fold().appeal()).as("the round's appeal, not another").extracting(TopicView.Appeal::status,
                TopicView.Appeal::appealId).containsExactly("UPHELD", "a1");
        assertIncrementalFoldAgrees();
    }

    @Test
    void anAppealSurvivesTheStoreAndAViewStoredBeforeAppealsReadsWithoutOne() {
        aRejectionTheLeadAppealsAndACoordinatorOverturnsCountsAsAccepted();
        // As MongoReadModel keeps a view: its record as a document's maps, and back.
        JsonMapper store = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        TopicView view = fold().withoutTimeline();
        @SuppressWarnings("unchecked")
        Map<String, Object> document = store.convertValue(view, Map.class);
        assertThat(store.convertValue(document, TopicView.class)).isEqualTo(view);

        document.remove("appeal");
        TopicView older = store.convertValue(document, TopicView.class);
        assertThat(older.appeal()).isNull();
        assertThat(older.resolution()).isEqualTo(view.resolution());
    }

    @Test
    void theOrderOfDeliveryDoesNotMatter() {
        at(0, "street-01", new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "t", "SW-01", DUE,
                ClaimMode.FIRST_COME, 0));
        at(1, "dept-01", new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), DUE, true, ClaimAwarded.AwardedBy.FIRST_COME));
        at(2, "dept-01", new ProgressReported("t1", 1, "p1", "dept-01", 10, "开始", null));
        at(3, null, new EscalationRaised("t1", 1, "e1", "b1", "dept-01", 2, EscalationRaised.Reason.PAST_DUE, T0));
        TopicView inOrder = fold();
        Collections.reverse(events);
        TopicView reversed = fold();
        assertThat(reversed.status()).isEqualTo(TopicStatus.IN_PROGRESS).isEqualTo(inOrder.status());
        assertThat(reversed.escalationLevel()).isEqualTo(2);
        assertThat(reversed.timeline()).isEqualTo(inOrder.timeline());
    }

    @Test
    void applyingEachEventToTheViewGivesWhatFoldingAllOfThemGives() {
        aWholeLifeShowsEveryStageAndWhoActed();
        TopicView applied = null;
        for (EventEnvelope event : events) {
            applied = TopicBoard.next(applied, "t1", event);
        }
        assertThat(applied).isEqualTo(fold().withoutTimeline());
        assertThat(applied.status()).isEqualTo(TopicStatus.CLOSED);
    }

    private void assertIncrementalFoldAgrees() {
        TopicView applied = null;
        for (EventEnvelope event : events) {
            applied = TopicBoard.next(applied, "t1", event);
        }
        assertThat(applied).isEqualTo(fold().withoutTimeline());
    }

    private TopicView fold() {
        return TopicBoard.fold("t1", events);
    }

    private void at(int day, String org, DomainEvent event) {
        Actor actor = org == null ? Actor.RESIDENT : new Actor(org, org, Actor.Role.STAFF);
        events.add(EventEnvelope.wrap(event, events.size() + 1, T0.plusSeconds(86400L * day), "/test", actor, "c", null));
    }
}
