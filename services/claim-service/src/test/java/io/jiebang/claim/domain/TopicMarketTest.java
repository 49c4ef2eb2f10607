package io.jiebang.claim.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.OrgKind;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.BatchOpened;
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
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.resolution.AppealDecided;
import io.jiebang.events.resolution.AppealLodged;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.TopicClosed;
import io.jiebang.events.resolution.TopicReopened;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.testsupport.AggregateScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TopicMarketTest {

    static final Instant OPENS = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant DEADLINE = OPENS.plusSeconds(86400 * 14);
    static final Instant NOW = OPENS.plusSeconds(86400);
    static final Instant DUE = OPENS.plusSeconds(86400 * 60);
    static final Instant COMMITTED = OPENS.plusSeconds(86400 * 50);

    static final Actor STREET = staff("street-01");
    static final Actor DEPT1 = staff("dept-01");
    static final Actor DEPT2 = staff("dept-02");
    static final Actor COORDINATOR = new Actor("coordinator", null, Actor.Role.COORDINATOR);

    static final Claimant street1 = org("street-01", OrgKind.STREET);
    static final Claimant street2 = org("street-02", OrgKind.STREET);
    static final Claimant dept1 = org("dept-01", OrgKind.DEPARTMENT);
    static final Claimant dept2 = org("dept-02", OrgKind.DEPARTMENT);
    static final Claimant dept3 = org("dept-03", OrgKind.DEPARTMENT);
    static final Map<String, Claimant> ORGS = Map.of("street-02", street2, "dept-02", dept2, "dept-03", dept3);

    static final ClaimWindow open = window(new BatchCreated("b1", "第一批", OPENS, DEADLINE, DUE, 7), new BatchOpened("b1"));
    static final ClaimWindow closed = window(new BatchCreated("b1", "第一批", OPENS, DEADLINE, DUE, 7), new BatchOpened("b1"),
            new BatchClaimingClosed("b1", BatchClaimingClosed.Cause.DEADLINE));

    static TopicPublished published(ClaimMode mode, int maxCo) {
        return new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "加装电梯", "SW-01", DUE, mode, maxCo);
    }

    static final ClaimRequest ALONE = new ClaimRequest(List.of(), "三个月完成", COMMITTED);

    AggregateScenario<TopicMarket> market(ClaimMode mode) {
        return AggregateScenario.of(new TopicMarket("t1")).given(published(mode, 2));
    }

    @Nested
    class FirstCome {

        @Test
        void theFirstValidClaimIsAwardedAtOnce() {
            market(ClaimMode.FIRST_COME).when(m -> m.claim(DEPT1, "c1", ALONE, dept1, ORGS, open, NOW)).expect(
                    new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "三个月完成", COMMITTED, true),
                    new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), COMMITTED, true, ClaimAwarded.AwardedBy.FIRST_COME));
        }

        @Test
        void laterClaimsConflict() {
            market(ClaimMode.FIRST_COME).given(
                            new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "p", COMMITTED, true),
                            new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), COMMITTED, true, ClaimAwarded.AwardedBy.FIRST_COME))
                    .when(m -> m.claim(DEPT2, "c2", ALONE, dept2, ORGS, open, NOW))
                    .rejected(Rejection.Kind.CONFLICT, "topic-already-awarded");
        }
    }

    @Nested
    class Sides {

        @Test
        void aStreetCannotClaimAStreetTopic() {
            market(ClaimMode.FIRST_COME).when(m -> m.claim(staff("street-02"), "c1", ALONE, street2, ORGS, open, NOW))
                    .rejected(Rejection.Kind.FORBIDDEN, "same-side-claim");
        }

        @Test
        void aDepartmentCannotClaimADepartmentTopic() {
            TopicPublished byDepartment = new TopicPublished("t1", "b1", "dept-01", Direction.DEPARTMENT_TO_STREET, "网格",
                    "SW-08", DUE, ClaimMode.FIRST_COME, 0);
            AggregateScenario.of(new TopicMarket("t1")).given(byDepartment)
                    .when(m -> m.claim(DEPT2, "c1", ALONE, dept2, ORGS, open, NOW))
                    .rejected(Rejection.Kind.FORBIDDEN, "same-side-claim")
                    .when(m -> m.claim(staff("street-02"), "c2", ALONE, street2, ORGS, open, NOW))
                    .expectThat(events -> assertThat(events).hasSize(2));
        }

        @Test
        void nobodyClaimsForAnotherOrganisation() {
            market(ClaimMode.FIRST_COME).when(m -> m.claim(DEPT2, "c1", ALONE, dept1, ORGS, open, NOW))
                    .rejected(Rejection.Kind.FORBIDDEN, "not-staff");
        }
    }

    @Nested
    class GroupClaims {

        @Test
        void aLeadNamesCoClaimantsOfItsKindWhoAreNotOnTheTeamBeforeTheyAccept() {
            ClaimRequest group = new ClaimRequest(List.of("dept-02", "dept-03"), "联合推进", COMMITTED);
            market(ClaimMode.FIRST_COME).when(m -> m.claim(DEPT1, "c1", group, dept1, ORGS, open, NOW))
                    .expectThat(events -> {
                        assertThat(((ClaimSubmitted) events.get(0)).coClaimantOrgIds()).containsExactly("dept-02", "dept-03");
                        assertThat(((ClaimAwarded) events.get(1)).coClaimantOrgIds()).as("nobody has accepted yet").isEmpty();
                    });
        }

        @Test
        void aNamedCoClaimantAcceptsOrDeclinesItsPlaceOnceAndTheAwardCountsOnlyThoseWhoAccepted() {
            Actor dept3 = staff("dept-03");
            market(ClaimMode.POSTER_SELECTS)
                    .given(new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of("dept-02", "dept-03"), "p", COMMITTED, true))
                    .when(m -> m.acceptPlace(staff("dept-04"), "c1")).rejected(Rejection.Kind.FORBIDDEN, "not-a-named-co-claimant")
                    .when(m -> m.acceptPlace(DEPT1, "c1")).rejected(Rejection.Kind.FORBIDDEN, "not-a-named-co-claimant")
                    .when(m -> m.acceptPlace(COORDINATOR, "c1")).rejected(Rejection.Kind.FORBIDDEN, "not-a-named-co-claimant")
                    .when(m -> m.acceptPlace(DEPT2, "c1")).expect(new CoClaimantAccepted("t1", 1, "c1", "dept-02", false))
                    .given(new CoClaimantAccepted("t1", 1, "c1", "dept-02", false))
                    .when(m -> m.acceptPlace(DEPT2, "c1")).rejected(Rejection.Kind.CONFLICT, "place-already-decided")
                    .when(m -> m.declinePlace(DEPT2, "c1")).rejected(Rejection.Kind.CONFLICT, "place-already-decided")
                    .when(m -> m.declinePlace(dept3, "c1")).expect(new CoClaimantDeclined("t1", 1, "c1", "dept-03"))
                    .given(new CoClaimantDeclined("t1", 1, "c1", "dept-03"))
                    .when(m -> m.award(STREET, "c1")).expectThat(events ->
                            assertThat(((ClaimAwarded) events.get(0)).coClaimantOrgIds()).containsExactly("dept-02"));
        }

        @Test
        void oneWhoAcceptsAfterTheAwardJoinsTheTeamUntilTheWorkIsAccepted() {
            var scenario = market(ClaimMode.FIRST_COME).given(
                    new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of("dept-02", "dept-03"), "p", COMMITTED, true),
                    new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), COMMITTED, true, ClaimAwarded.AwardedBy.FIRST_COME));
            scenario.when(m -> m.acceptPlace(DEPT2, "c1")).expect(new CoClaimantAccepted("t1", 1, "c1", "dept-02", true))
                    .given(new ResolutionAccepted("t1", 1, "r1", "dept-01", true, DUE))
                    .when(m -> m.acceptPlace(staff("dept-03"), "c1")).rejected(Rejection.Kind.CONFLICT, "place-not-open");
        }

        @Test
        void coClaimantsAreOfTheLeadsKindAndWithinTheLimit() {
            market(ClaimMode.FIRST_COME)
                    .when(m -> m.claim(DEPT1, "c1", new ClaimRequest(List.of("street-02"), "p", COMMITTED), dept1, ORGS, open, NOW))
                    .rejected(Rejection.Kind.INVALID, "co-claimant-of-other-kind");
            AggregateScenario.of(new TopicMarket("t1")).given(published(ClaimMode.FIRST_COME, 1))
                    .when(m -> m.claim(DEPT1, "c1", new ClaimRequest(List.of("dept-02", "dept-03"), "p", COMMITTED), dept1, ORGS, open, NOW))
                    .rejected(Rejection.Kind.INVALID, "too-many-co-claimants");
            market(ClaimMode.FIRST_COME)
                    .when(m -> m.claim(DEPT1, "c1", new ClaimRequest(List.of("dept-01"), "p", COMMITTED), dept1, ORGS, open, NOW))
                    .rejected(Rejection.Kind.INVALID, "co-claimants-not-distinct");
            market(ClaimMode.FIRST_COME)
                    .when(m -> m.claim(DEPT1, "c1", new ClaimRequest(List.of("dept-99"), "p", COMMITTED), dept1, ORGS, open, NOW))
                    .rejected(Rejection.Kind.INVALID, "unknown-co-claimant");
        }
    }

    @Nested
    class Window {

        @Test
        void claimsOnlyInsideTheWindow() {
            market(ClaimMode.FIRST_COME).when(m -> m.claim(DEPT1, "c1", ALONE, dept1, ORGS, open, DEADLINE))
                    .rejected(Rejection.Kind.CONFLICT, "outside-claim-window")
                    .when(m -> m.claim(DEPT1, "c1", ALONE, dept1, ORGS, open, OPENS.minusSeconds(1)))
                    .rejected(Rejection.Kind.CONFLICT, "outside-claim-window")
                    .when(m -> m.claim(DEPT1, "c1", ALONE, dept1, ORGS, closed, NOW))
                    .rejected(Rejection.Kind.CONFLICT, "outside-claim-window");
        }

        @Test
        void claimingClosedLeavesTopicsNobodyWonUnclaimed() {
            market(ClaimMode.FIRST_COME).when(m -> m.claimingClosed(closed)).expect(new TopicUnclaimed("t1", 1))
                    .when(m -> m.claimingClosed(open)).expectNothing();
        }

        @Test
        void bidsWaitingForThePosterAreNotUnclaimed() {
            market(ClaimMode.POSTER_SELECTS).given(new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "p", COMMITTED, true))
                    .when(m -> m.claimingClosed(closed)).expectNothing()
                    .when(m -> m.award(STREET, "c1")).expectThat(events -> assertThat(events).hasSize(1));
        }

        @Test
        void aCoordinatorAssignsAnUnclaimedTopic() {
            market(ClaimMode.FIRST_COME).given(new TopicUnclaimed("t1", 1))
                    .when(m -> m.assign(DEPT1, dept1, null, NOW)).rejected(Rejection.Kind.FORBIDDEN, "coordinator-only")
                    .when(m -> m.assign(COORDINATOR, street2, null, NOW)).rejected(Rejection.Kind.INVALID, "assignee-on-posting-side")
                    .when(m -> m.assign(COORDINATOR, dept3, null, NOW)).expect(new TopicAssigned("t1", 1, "dept-03", DUE))
                    .given(new TopicAssigned("t1", 1, "dept-03", DUE))
                    .when(m -> m.assign(COORDINATOR, dept2, null, NOW)).rejected(Rejection.Kind.CONFLICT, "topic-not-unclaimed");
        }

        @Test
        void onlyAnUnclaimedTopicIsAssigned() {
            market(ClaimMode.FIRST_COME).when(m -> m.assign(COORDINATOR, dept3, null, NOW))
                    .rejected(Rejection.Kind.CONFLICT, "topic-not-unclaimed");
        }
    }

    @Nested
    class PosterSelects {

        @Test
        void bidsWaitAndThePosterAwardsOneDecliningTheOthers() {
            market(ClaimMode.POSTER_SELECTS)
                    .when(m -> m.claim(DEPT1, "c1", ALONE, dept1, ORGS, open, NOW))
                    .expect(new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "三个月完成", COMMITTED, true))
                    .given(new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "三个月完成", COMMITTED, true),
                            new ClaimSubmitted("t1", 1, "c2", "dept-02", List.of(), "两个月", COMMITTED, true))
                    .when(m -> m.award(DEPT1, "c1")).rejected(Rejection.Kind.FORBIDDEN, "not-the-poster")
                    .when(m -> m.award(STREET, "c9")).rejected(Rejection.Kind.NOT_FOUND, "claim-not-found")
                    .when(m -> m.award(STREET, "c2")).expect(
                            new ClaimAwarded("t1", 1, "c2", "dept-02", List.of(), COMMITTED, true, ClaimAwarded.AwardedBy.POSTER),
                            new ClaimDeclined("t1", 1, "c1", "dept-01", TopicMarket.ANOTHER_CLAIM_AWARDED));
        }

        @Test
        void oneLiveClaimPerOrganisation() {
            market(ClaimMode.POSTER_SELECTS).given(new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "p", COMMITTED, true))
                    .when(m -> m.claim(DEPT1, "c2", ALONE, dept1, ORGS, open, NOW))
                    .rejected(Rejection.Kind.CONFLICT, "already-claimed");
        }

        @Test
        void firstComeTopicsAreNotAwardedByHand() {
            market(ClaimMode.FIRST_COME).when(m -> m.award(STREET, "c1")).rejected(Rejection.Kind.CONFLICT, "first-come-awards-itself");
        }
    }

    @Nested
    class WithdrawalsAndRounds {

        @Test
        void aBidIsWithdrawnBeforeTheAward() {
            market(ClaimMode.POSTER_SELECTS).given(new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "p", COMMITTED, true))
                    .when(m -> m.withdrawClaim(DEPT2, "c1", null)).rejected(Rejection.Kind.FORBIDDEN, "not-the-claimant")
                    .when(m -> m.withdrawClaim(DEPT1, "c1", null)).expect(new ClaimWithdrawn("t1", 1, "c1", "dept-01"));
        }

        @Test
        void aWithdrawnAwardOpensANewRound() {
            var scenario = market(ClaimMode.FIRST_COME).given(
                            new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "p", COMMITTED, true),
                            new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), COMMITTED, true, ClaimAwarded.AwardedBy.FIRST_COME))
                    .when(m -> m.withdrawClaim(DEPT1, "c1", "人手不足")).expect(
                            new AwardWithdrawn("t1", 1, "c1", "dept-01", "人手不足"),
                            new RoundOpened("t1", 2, RoundOpened.Cause.AWARD_WITHDRAWN))
                    .given(new AwardWithdrawn("t1", 1, "c1", "dept-01", "人手不足"),
                            new RoundOpened("t1", 2, RoundOpened.Cause.AWARD_WITHDRAWN));
            assertThat(scenario.aggregate().status()).isEqualTo(TopicMarket.Status.OPEN);
            assertThat(scenario.aggregate().round()).isEqualTo(2);
            scenario.when(m -> m.claim(DEPT1, "c3", ALONE, dept1, ORGS, closed, NOW)).expectThat(events ->
                    assertThat(((ClaimSubmitted) events.get(0)).round()).isEqualTo(2));
        }

        @Test
        void anAwardStaysOnceTheResolutionIsAccepted() {
            market(ClaimMode.FIRST_COME).given(
                            new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "p", COMMITTED, true),
                            new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), COMMITTED, true, ClaimAwarded.AwardedBy.FIRST_COME),
                            new ResolutionAccepted("t1", 1, "r1", "dept-01", true, DUE))
                    .when(m -> m.withdrawClaim(DEPT1, "c1", null)).rejected(Rejection.Kind.CONFLICT, "claim-not-withdrawable");
        }

        @Test
        void thePosterWithdrawsBeforeAnyAwardAndBidsAreDeclined() {
            market(ClaimMode.POSTER_SELECTS).given(new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "p", COMMITTED, true))
                    .when(m -> m.withdrawTopic(DEPT1, null)).rejected(Rejection.Kind.FORBIDDEN, "not-the-poster")
                    .when(m -> m.withdrawTopic(STREET, "合并到下一批")).expect(
                            new ClaimDeclined("t1", 1, "c1", "dept-01", TopicMarket.TOPIC_WITHDRAWN),
                            new TopicWithdrawn("t1", 1, "合并到下一批"));
        }

        @Test
        void noWithdrawalAfterTheAward() {
            market(ClaimMode.FIRST_COME).given(
                            new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "p", COMMITTED, true),
                            new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), COMMITTED, true, ClaimAwarded.AwardedBy.FIRST_COME))
                    .when(m -> m.withdrawTopic(STREET, null)).rejected(Rejection.Kind.CONFLICT, "topic-not-withdrawable");
        }

        @Test
        void aNewRoundTakesClaimsForItsWindowThenATopicNobodyClaimedIsUnclaimedForTheCoordinator() {
            Instant windowEnds = NOW.plus(Duration.ofDays(7));
            var scenario = market(ClaimMode.FIRST_COME).given(
                            new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "p", COMMITTED, true),
                            new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), COMMITTED, true, ClaimAwarded.AwardedBy.FIRST_COME))
                    .at(NOW).given(new AwardWithdrawn("t1", 1, "c1", "dept-01", null), new RoundOpened("t1", 2, RoundOpened.Cause.AWARD_WITHDRAWN));
            assertThat(scenario.aggregate().sets()).contains(TopicMarket.NEW_ROUND);
            scenario.when(m -> m.newRoundWindowPassed(open, windowEnds.minusSeconds(1))).expectNothing()
                    .when(m -> m.claim(DEPT2, "c2", ALONE, dept2, ORGS, open, windowEnds))
                    .rejected(Rejection.Kind.CONFLICT, "outside-claim-window")
                    .when(m -> m.newRoundWindowPassed(open, windowEnds)).expect(new TopicUnclaimed("t1", 2))
                    .given(new TopicUnclaimed("t1", 2))
                    .when(m -> m.assign(COORDINATOR, dept2, null, windowEnds)).expect(new TopicAssigned("t1", 2, "dept-02", DUE));
            assertThat(scenario.aggregate().sets()).doesNotContain(TopicMarket.NEW_ROUND);
        }

        @Test
        void bidsWaitingWhenANewRoundsWindowPassesKeepItOpenForThePostersAward() {
            market(ClaimMode.POSTER_SELECTS).given(
                            new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "p", COMMITTED, true),
                            new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), COMMITTED, true, ClaimAwarded.AwardedBy.POSTER),
                            new AwardWithdrawn("t1", 1, "c1", "dept-01", null), new RoundOpened("t1", 2, RoundOpened.Cause.AWARD_WITHDRAWN),
                            new ClaimSubmitted("t1", 2, "c2", "dept-02", List.of(), "p", COMMITTED, false))
                    .when(m -> m.newRoundWindowPassed(open, NOW.plus(Duration.ofDays(30)))).expectNothing();
        }

        @Test
        void aReopenedTopicIsOpenForClaimsInTheNextRound() {
            market(ClaimMode.FIRST_COME).given(
                            new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "p", COMMITTED, true),
                            new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), COMMITTED, true, ClaimAwarded.AwardedBy.FIRST_COME),
                            new ResolutionAccepted("t1", 1, "r1", "dept-01", true, DUE))
                    .when(m -> m.reopen(new TopicReopened("t1", 1, 2)))
                    .expect(new RoundOpened("t1", 2, RoundOpened.Cause.REOPENED_AFTER_EVALUATION));
        }
    }

    @Test
    void whileTheLeadAppealsTheReopeningTheNewRoundTakesBidsButIsAwardedToNobodyAndAnOverturnDeclinesThem() {
        AppealLodged appealed = new AppealLodged("t1", 1, "ap1", AppealLodged.Subject.EVALUATION_OUTCOME, "dept-01", "不公", null);
        var scenario = market(ClaimMode.POSTER_SELECTS).given(
                        new ClaimSubmitted("t1", 1, "c1", "dept-01", List.of(), "p", COMMITTED, true),
                        new ClaimAwarded("t1", 1, "c1", "dept-01", List.of(), COMMITTED, true, ClaimAwarded.AwardedBy.POSTER),
                        new ResolutionAccepted("t1", 1, "r1", "dept-01", true, DUE), new TopicReopened("t1", 1, 2))
                .at(NOW).given(new RoundOpened("t1", 2, RoundOpened.Cause.REOPENED_AFTER_EVALUATION), appealed,
                        new ClaimSubmitted("t1", 2, "c2", "dept-02", List.of(), "p", COMMITTED, false))
                .when(m -> m.award(STREET, "c2")).rejected(Rejection.Kind.CONFLICT, "appeal-pending")
                .when(m -> m.assign(COORDINATOR, dept3, null, NOW)).rejected(Rejection.Kind.CONFLICT, "appeal-pending")
                .when(m -> m.newRoundWindowPassed(open, NOW.plus(Duration.ofDays(30)))).expectNothing()
                .given(new AppealDecided("t1", 1, "ap1", AppealLodged.Subject.EVALUATION_OUTCOME, AppealDecided.Ruling.OVERTURNED, "改判"),
                        new TopicClosed("t1", 2))
                .when(TopicMarket::closed).expect(new ClaimDeclined("t1", 2, "c2", "dept-02", TopicMarket.TOPIC_CLOSED));
        assertThat(scenario.aggregate().status()).isEqualTo(TopicMarket.Status.CLOSED);
        // an upheld appeal lets the new round go on
        market(ClaimMode.FIRST_COME).given(new ResolutionAccepted("t1", 1, "r1", "dept-01", true, DUE),
                        new TopicReopened("t1", 1, 2), new RoundOpened("t1", 2, RoundOpened.Cause.REOPENED_AFTER_EVALUATION), appealed)
                .when(m -> m.claim(DEPT2, "c2", ALONE, dept2, ORGS, open, NOW)).rejected(Rejection.Kind.CONFLICT, "appeal-pending")
                .given(new AppealDecided("t1", 1, "ap1", AppealLodged.Subject.EVALUATION_OUTCOME, AppealDecided.Ruling.UPHELD, "维持"))
                .when(m -> m.claim(DEPT2, "c2", ALONE, dept2, ORGS, open, NOW)).expectThat(events -> assertThat(events).hasSize(2));
    }

    @Test
    void anUnpublishedTopicIsNotFound() {
        AggregateScenario.of(new TopicMarket("t9")).when(m -> m.claim(DEPT1, "c1", ALONE, dept1, ORGS, open, NOW))
                .rejected(Rejection.Kind.NOT_FOUND, "topic-not-found");
    }

    static Actor staff(String org) {
        return new Actor(org, org, Actor.Role.STAFF);
    }

    static Claimant org(String id, OrgKind kind) {
        return with(new Claimant(id), new OrgRegistered(id, id, id, kind, null));
    }

    static ClaimWindow window(DomainEvent... events) {
        return with(new ClaimWindow("b1"), events);
    }

    static <A extends Aggregate> A with(A aggregate, DomainEvent... events) {
        for (DomainEvent event : events) {
            aggregate.apply(EventEnvelope.wrap(event, 1, OPENS, "/test", Actor.SYSTEM, "c", null));
        }
        return aggregate;
    }
}
