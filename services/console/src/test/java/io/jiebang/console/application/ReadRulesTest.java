package io.jiebang.console.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.console.readmodel.TimelineEntry;
import io.jiebang.console.readmodel.TopicBoard;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.Priority;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.resolution.AppealLodged;
import io.jiebang.events.resolution.EvaluationClosed;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.events.resolution.TopicReopened;
import io.jiebang.events.topic.TopicPosted;
import io.jiebang.events.topic.TopicPublished;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ReadRulesTest {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Actor POSTER = staff("street-01");
    static final Actor BIDDER = staff("dept-01");
    static final Actor PARTNER = staff("dept-02");
    static final Actor RIVAL = staff("dept-03");
    static final Actor OTHER_STREET = staff("street-02");
    static final Actor COORDINATOR = new Actor("coordinator", null, Actor.Role.COORDINATOR);
    static final Actor ANALYST = new Actor("analyst", null, Actor.Role.ANALYST);
    final List<EventEnvelope> events = new ArrayList<>();

    @Test
    void aDraftIsSeenOnlyByItsPostersStaffAndTheCoordinator() {
        TopicView draft = posted();

        for (Actor reader : List.of(POSTER, COORDINATOR)) {
            assertThat(ReadRules.maySee(reader, draft)).as(reader.userId()).isTrue();
        }
        for (Actor reader : new Actor[] {OTHER_STREET, BIDDER, ANALYST, null}) {
            assertThat(ReadRules.maySee(reader, draft)).as(String.valueOf(reader)).isFalse();
        }
        assertThat(ReadRules.drafts(POSTER)).isEqualTo(TopicQuery.Drafts.of("street-01"));
        assertThat(ReadRules.drafts(COORDINATOR)).isEqualTo(TopicQuery.Drafts.ALL);
        assertThat(ReadRules.drafts(ANALYST)).isEqualTo(TopicQuery.Drafts.NONE);
        assertThat(ReadRules.drafts(null)).isEqualTo(TopicQuery.Drafts.NONE);
    }

    @Test
    void aPublishedTopicIsSeenByEveryReader() {
        posted();
        TopicView open = then(T0.plusSeconds(60), POSTER, new TopicPublished("t1", "b1", "street-01",
                Direction.STREET_TO_DEPARTMENT, "加装电梯", "SW-01", T0.plusSeconds(86400 * 30), ClaimMode.POSTER_SELECTS, 1));

        for (Actor reader : new Actor[] {POSTER, OTHER_STREET, BIDDER, ANALYST, COORDINATOR, null}) {
            assertThat(ReadRules.maySee(reader, open)).as(String.valueOf(reader)).isTrue();
        }
    }

    @Test
    void aBidsPlanIsSeenByThePosterTheBiddersAndTheCoordinatorUntilTheAward() {
        bids();
        TopicView bidding = TopicBoard.fold("t1", events);

        assertThat(plans(POSTER, bidding)).containsExactly("计划一", "计划二");
        assertThat(plans(COORDINATOR, bidding)).containsExactly("计划一", "计划二");
        assertThat(plans(BIDDER, bidding)).containsExactly("计划一");
        assertThat(plans(PARTNER, bidding)).as("a co-claimant of the bid").containsExactly("计划一");
        assertThat(plans(RIVAL, bidding)).containsExactly("计划二");
        assertThat(plans(OTHER_STREET, bidding)).isEmpty();
        assertThat(plans(ANALYST, bidding)).isEmpty();
        assertThat(plans(null, bidding)).isEmpty();

        TopicView awarded = then(T0.plusSeconds(300), POSTER, new ClaimAwarded("t1", 1, "c2", "dept-03", List.of(),
                T0.plusSeconds(86400 * 20), true, ClaimAwarded.AwardedBy.POSTER));
        assertThat(plans(OTHER_STREET, awarded)).as("after the award").containsExactly("计划一", "计划二");
    }

    @Test
    void anAppealAndItsRulingAreSeenByEveryReaderOfTheTopicWhileANewRoundsBidsAreSealed() {
        bids();
        then(T0.plusSeconds(300), POSTER, new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), T0.plusSeconds(86400 * 20), true,
                ClaimAwarded.AwardedBy.POSTER));
        then(T0.plusSeconds(400), BIDDER, new ResolutionSubmitted("t1", 1, "r1", "dept-01", "完成", null));
        then(T0.plusSeconds(500), POSTER, new ResolutionAccepted("t1", 1, "r1", "dept-01", true, T0.plusSeconds(86400 * 7)));
        then(T0.plusSeconds(600), POSTER, new EvaluationClosed("t1", 1, 0, 0, 2, EvaluationClosed.Outcome.REOPENED,
                EvaluationClosed.Cause.CLOSED_BY_USER, null, T0.plusSeconds(86400 * 10)));
        then(T0.plusSeconds(600), POSTER, new TopicReopened("t1", 1, 2));
        then(T0.plusSeconds(600), BIDDER, new RoundOpened("t1", 2, RoundOpened.Cause.REOPENED_AFTER_EVALUATION));
        then(T0.plusSeconds(700), RIVAL, new ClaimSubmitted("t1", 2, "c3", "dept-03", List.of(), "计划三",
                T0.plusSeconds(86400 * 20), true));
        TopicView appealed = then(T0.plusSeconds(800), BIDDER, new AppealLodged("t1", 1, "a1",
                AppealLodged.Subject.EVALUATION_OUTCOME, "dept-01", "评议人不是本小区居民", "物业名单"));

        for (Actor reader : new Actor[] {POSTER, OTHER_STREET, BIDDER, RIVAL, ANALYST, COORDINATOR, null}) {
            TopicView seen = ReadRules.redact(reader, appealed);
            assertThat(seen.appeal()).as(String.valueOf(reader)).isEqualTo(appealed.appeal());
            assertThat(seen.appeal().reason()).isEqualTo("评议人不是本小区居民");
            assertThat(seen.appeal().evidence()).isEqualTo("物业名单");
        }
        assertThat(plans(OTHER_STREET, appealed)).as("the new round's bid is sealed").doesNotContain("计划三");
        assertThat(plans(RIVAL, appealed)).contains("计划三");
    }

    private static List<String> plans(Actor reader, TopicView topic) {
        TopicView seen = ReadRules.redact(reader, topic);
        List<String> inClaims = seen.claims().stream().map(TopicView.Claim::plan).filter(Objects::nonNull).toList();
        List<String> inTimeline = seen.timeline().stream().map(TimelineEntry::data)
                .filter(ClaimSubmitted.class::isInstance).map(bid -> ((ClaimSubmitted) bid).plan()).filter(Objects::nonNull).toList();
        assertThat(inTimeline).as("the timeline shows what the claims show").isEqualTo(inClaims);
        return inClaims;
    }

    private void bids() {
        posted();
        then(T0.plusSeconds(60), POSTER, new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT,
                "加装电梯", "SW-01", T0.plusSeconds(86400 * 30), ClaimMode.POSTER_SELECTS, 1));
        then(T0.plusSeconds(120), BIDDER, new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of("dept-02"), "计划一",
                T0.plusSeconds(86400 * 20), true));
        then(T0.plusSeconds(180), RIVAL, new ClaimSubmitted("t1", 1, "c2", "dept-03", List.of(), "计划二",
                T0.plusSeconds(86400 * 20), true));
    }

    private TopicView posted() {
        return then(T0, POSTER, new TopicPosted("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "加装电梯", "描述",
                "SW-01", "完成", T0.plusSeconds(86400 * 30), Priority.HIGH, null, null, ClaimMode.POSTER_SELECTS, 1));
    }

    private TopicView then(Instant at, Actor actor, DomainEvent event) {
        events.add(EventEnvelope.wrap(event, events.size() + 1, at, "/test", actor, "c", null));
        return TopicBoard.fold("t1", events);
    }

    private static Actor staff(String org) {
        return new Actor(org, org, Actor.Role.STAFF);
    }
}
