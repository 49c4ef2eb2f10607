package io.jiebang.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.deadletter.DeadLetterEvent;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.events.resolution.EvaluationVoteCast;
import io.jiebang.events.topic.TopicPosted;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What outside readers see of each event type: no drafts, no staff user ids, no residents' words. */
class PublicEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Actor STAFF = new Actor("u-street-01-a", "street-01", Actor.Role.STAFF);

    @TestFactory
    Stream<DynamicTest> everyTypeIsCopiedWithoutItsUserOrWithheld() {
        return EventCatalog.ALL.stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            EventEnvelope internal = EventEnvelope.wrap(EventContractTest.sample(type.javaType()), 4,
                    Instant.parse("2026-03-01T08:00:00Z"), "/jiebang/test", STAFF, "corr-1", "cause-1");
            Optional<EventEnvelope> copy = PublicEvents.publicCopy(internal);
            boolean withheld = internal.data() instanceof TopicPosted || internal.data() instanceof DeadLetterEvent
                    || internal.data() instanceof io.jiebang.events.directory.StaffEvent;
            assertThat(copy.isEmpty()).as("withheld").isEqualTo(withheld);
            if (withheld) {
                return;
            }
            EventEnvelope shown = copy.get();
            assertThat(shown.actor()).isEqualTo(new Actor(null, "street-01", Actor.Role.STAFF));
            assertThat(shown).usingRecursiveComparison().ignoringFields("actor", "data").isEqualTo(internal);
            JsonNode wire = JSON.readTree(EventCodec.encode(shown));
            assertThat(wire.has("actoruser")).isFalse();
            assertThat(wire.toString()).doesNotContain("u-street-01-a");
            assertThat(KafkaTopics.publicTopic(internal.kafkaTopic())).startsWith("jiebang.public.");
            if (!(internal.data() instanceof EvaluationVoteCast) && !(internal.data() instanceof ClaimSubmitted)) {
                assertThat(shown.data()).isEqualTo(internal.data());
            }
        }));
    }

    @Test
    void aVoteIsShownWithoutTheResidentsComment() {
        EventEnvelope vote = EventEnvelope.wrap(new EvaluationVoteCast("t-1", 1, "v-1", Verdict.DISSATISFIED,
                "楼下还是很吵 the noise goes on", true), 9, Instant.now(), "/jiebang/resolution-service", Actor.RESIDENT, "c", null);

        EvaluationVoteCast shown = (EvaluationVoteCast) PublicEvents.publicCopy(vote).orElseThrow().data();

        assertThat(shown).isEqualTo(new EvaluationVoteCast("t-1", 1, "v-1", Verdict.DISSATISFIED, null, true));
        assertThat(EventCodec.encodeToString(PublicEvents.publicCopy(vote).orElseThrow())).doesNotContain("noise");
    }

    @Test
    void aBidIsShownWithoutItsPlan() {
        Instant committed = Instant.parse("2026-06-01T00:00:00Z");
        EventEnvelope bid = EventEnvelope.wrap(new ClaimSubmitted("t-1", 1, "c-1", "dept-01", List.of("dept-02"),
                "先行调研再分期施工 survey first", committed, true), 4, Instant.now(), "/jiebang/claim-service",
                new Actor("u-1", "dept-01", Actor.Role.STAFF), "c", null);

        ClaimSubmitted shown = (ClaimSubmitted) PublicEvents.publicCopy(bid).orElseThrow().data();

        assertThat(shown).isEqualTo(new ClaimSubmitted("t-1", 1, "c-1", "dept-01", List.of("dept-02"), null, committed, true));
        assertThat(EventCodec.encodeToString(PublicEvents.publicCopy(bid).orElseThrow())).doesNotContain("survey");
    }

    @Test
    void everyInternalTopicHasItsPublicTopic() {
        assertThat(KafkaTopics.PUBLIC).containsExactly("jiebang.public.directory", "jiebang.public.batches",
                "jiebang.public.topics", "jiebang.public.claims", "jiebang.public.dispatch", "jiebang.public.resolutions");
        assertThat(KafkaTopics.declarations()).extracting(KafkaTopics.Declaration::name).containsAll(KafkaTopics.PUBLIC);
    }
}
