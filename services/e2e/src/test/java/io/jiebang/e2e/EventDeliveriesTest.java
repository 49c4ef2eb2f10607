package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.ProjectHome;
import io.jiebang.devstack.ServiceSpec;
import io.jiebang.events.Actor;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.RoundOpened;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fault suite's event checks find what they are there to find: a loss, a second copy, an event gone back in time. */
class EventDeliveriesTest {

    private static final String TOPIC = "t-1";
    private static final String STREAM = "topic:" + TOPIC;

    private final EventDeliveries deliveries = EventDeliveries.fromCatalogPage(ProjectHome.find().resolve("docs/events.md"));

    private final EventEnvelope withdrawn = claimEvent(1, new AwardWithdrawn(TOPIC, 1, "c-1", "dept-01", null));
    private final EventEnvelope roundOpened = claimEvent(2, new RoundOpened(TOPIC, 2, RoundOpened.Cause.AWARD_WITHDRAWN));

    @Test
    void eachReaderHoldingEachEventOnceInOrderIsClean() {
        EventDeliveries.Check check = deliveries.check(snapshot(
                List.of(external(withdrawn, 1), external(roundOpened, 2)),
                List.of(external(withdrawn, 1), external(roundOpened, 2)),
                List.of(withdrawn, roundOpened)));

        // Both are read by dispatch-service, resolution-service and the console (docs/events.md)
        assertThat(check.due()).isEqualTo(6);
        assertThat(check.deliveredOnce()).isEqualTo(6);
        assertThat(check.writtenByType()).containsOnlyKeys("AwardWithdrawn", "RoundOpened");
        assertThat(check.where()).isEmpty();
    }

    @Test
    void aLossASecondCopyAndAnEventGoneBackAreEachCounted() {
        EventDeliveries.Check check = deliveries.check(snapshot(
                List.of(external(roundOpened, 1), external(withdrawn, 2)),
                List.of(external(withdrawn, 1), external(withdrawn, 2), external(roundOpened, 3)),
                List.of(withdrawn)));

        assertThat(check.losses()).as("the read model lacks RoundOpened").isEqualTo(1);
        assertThat(check.duplicates()).as("resolution-service recorded AwardWithdrawn twice").isEqualTo(1);
        assertThat(check.orderViolations()).as("dispatch-service stored sequence 1 after 2").isEqualTo(1);
        assertThat(check.where()).containsOnlyKeys("console lost RoundOpened", "resolution-service twice AwardWithdrawn",
                "dispatch-service out of order AwardWithdrawn");
    }

    @Test
    void eventsAreWrittenInTheWindowOfTheFirstLookThatFindsThem() {
        deliveries.check(snapshot(List.of(), List.of(), List.of()));
        EventDeliveries.Check again = deliveries.check(snapshot(List.of(), List.of(), List.of()));

        assertThat(again.writtenByType()).isEmpty();
    }

    /** claim-service's own two events, what dispatch- and resolution-service recorded, and the topic's timeline. */
    private Stores.Snapshot snapshot(List<Stores.StoredEvent> dispatch, List<Stores.StoredEvent> resolution,
                                     List<EventEnvelope> timeline) {
        List<Stores.StoredEvent> claim = List.of(new Stores.StoredEvent(STREAM, 1, false, withdrawn),
                new Stores.StoredEvent(STREAM, 1, false, roundOpened));
        return new Stores.Snapshot(Map.of(ServiceSpec.TOPIC, List.of(), ServiceSpec.CLAIM, claim,
                ServiceSpec.DISPATCH, dispatch, ServiceSpec.RESOLUTION, resolution), Map.of(TOPIC, timeline));
    }

    private static Stores.StoredEvent external(EventEnvelope event, long commitSeq) {
        return new Stores.StoredEvent(STREAM, commitSeq, true, event);
    }

    private static EventEnvelope claimEvent(long sequence, DomainEvent event) {
        return EventEnvelope.wrap(event, sequence, Instant.parse("2026-11-29T08:00:00Z"), "/jiebang/claim-service",
                Actor.SYSTEM, "correlation", null);
    }
}
