package io.jiebang.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.CoClaimantAccepted;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.resolution.AppealLodged;
import io.jiebang.events.topic.TopicPublished;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicFactTest {

    static final Instant AT = Instant.parse("2026-03-10T08:00:00Z");

    @Test
    void theFactsARecordKeeps() {
        assertThat(TopicFact.of(new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "加装电梯", "SW-01",
                AT, ClaimMode.FIRST_COME, 2))).contains(new TopicFact.Published("street-01", "加装电梯", "b1"));
        assertThat(TopicFact.of(new ClaimAwarded("t1", 2, "c1", "dept-01", List.of("dept-02"), AT, true,
                ClaimAwarded.AwardedBy.POSTER))).contains(new TopicFact.TeamFormed(2, "dept-01", List.of("dept-02")));
        assertThat(TopicFact.of(new TopicAssigned("t1", 3, "dept-03", AT))).contains(new TopicFact.TeamFormed(3, "dept-03", List.of()));
        assertThat(TopicFact.of(new CoClaimantAccepted("t1", 2, "c1", "dept-04", true))).contains(new TopicFact.TeamJoined(2, "dept-04"));
        assertThat(TopicFact.of(new AwardWithdrawn("t1", 2, "c1", "dept-01", "人手不足"))).contains(new TopicFact.TeamWithdrawn(2));
        assertThat(TopicFact.of(new AppealLodged("t1", 2, "a1", AppealLodged.Subject.EVALUATION_OUTCOME, "dept-01", "理由", null)))
                .contains(new TopicFact.AppealMade("a1", "dept-01"));
    }

    @Test
    void aPlaceAcceptedBeforeTheAwardAndANewRoundTeachNothing() {
        assertThat(TopicFact.of(new CoClaimantAccepted("t1", 1, "c1", "dept-02", false)))
                .as("it is on the team through the award that follows").isEmpty();
        assertThat(TopicFact.of(new RoundOpened("t1", 2, RoundOpened.Cause.AWARD_WITHDRAWN)))
                .as("teams are kept per round: a new round has none until its award").isEmpty();
    }
}
