package io.jiebang.events;

import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchClosed;
import io.jiebang.events.batch.BatchCreated;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.CoClaimantAccepted;
import io.jiebang.events.claim.CoClaimantDeclined;
import io.jiebang.events.claim.ClaimDeclined;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.events.claim.ClaimWithdrawn;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicUnclaimed;
import io.jiebang.events.claim.TopicWithdrawn;
import io.jiebang.events.deadletter.DeadLetterDiscarded;
import io.jiebang.events.deadletter.DeadLetterReplayed;
import io.jiebang.events.directory.CategoryDefined;
import io.jiebang.events.directory.DistrictRegistered;
import io.jiebang.events.directory.OrgMoved;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.directory.OrgRenamed;
import io.jiebang.events.directory.OrgRetired;
import io.jiebang.events.directory.StaffCredentialsReset;
import io.jiebang.events.directory.StaffDeactivated;
import io.jiebang.events.directory.StaffInvited;
import io.jiebang.events.directory.StaffMoved;
import io.jiebang.events.dispatch.EscalationCleared;
import io.jiebang.events.dispatch.EscalationRaised;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.dispatch.ReportingPeriodClosed;
import io.jiebang.events.resolution.AppealDecided;
import io.jiebang.events.resolution.AppealLodged;
import io.jiebang.events.resolution.EvaluationClosed;
import io.jiebang.events.resolution.EvaluationLinksIssued;
import io.jiebang.events.resolution.EvaluationVoteCast;
import io.jiebang.events.resolution.LeaderboardRecorded;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.events.resolution.TopicClosed;
import io.jiebang.events.resolution.TopicReopened;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event of the board, with the Kafka topic it is published on ({@link KafkaTopics#DEAD_LETTERS} stands for the
 * writing service's own dead-letter topic). docs/events.md is checked against it.
 */
public final class EventCatalog {

    public static final List<EventType<?>> ALL = List.of(
            type("DistrictRegistered", DistrictRegistered.class, KafkaTopics.DIRECTORY),
            type("OrgRegistered", OrgRegistered.class, KafkaTopics.DIRECTORY),
            type("OrgRenamed", OrgRenamed.class, KafkaTopics.DIRECTORY),
            type("OrgMoved", OrgMoved.class, KafkaTopics.DIRECTORY),
            type("OrgRetired", OrgRetired.class, KafkaTopics.DIRECTORY),
            type("StaffInvited", StaffInvited.class, KafkaTopics.DIRECTORY),
            type("StaffCredentialsReset", StaffCredentialsReset.class, KafkaTopics.DIRECTORY),
            type("StaffMoved", StaffMoved.class, KafkaTopics.DIRECTORY),
            type("StaffDeactivated", StaffDeactivated.class, KafkaTopics.DIRECTORY),
            type("CategoryDefined", CategoryDefined.class, KafkaTopics.DIRECTORY),
            type("BatchCreated", BatchCreated.class, KafkaTopics.BATCHES),
            type("BatchOpened", BatchOpened.class, KafkaTopics.BATCHES),
            type("BatchClaimingClosed", BatchClaimingClosed.class, KafkaTopics.BATCHES),
            type("BatchClosed", BatchClosed.class, KafkaTopics.BATCHES),
            type("TopicPosted", io.jiebang.events.topic.TopicPosted.class, KafkaTopics.TOPICS),
            type("TopicPublished", io.jiebang.events.topic.TopicPublished.class, KafkaTopics.TOPICS),
            type("ClaimSubmitted", ClaimSubmitted.class, KafkaTopics.CLAIMS),
            type("CoClaimantAccepted", CoClaimantAccepted.class, KafkaTopics.CLAIMS),
            type("CoClaimantDeclined", CoClaimantDeclined.class, KafkaTopics.CLAIMS),
            type("ClaimAwarded", ClaimAwarded.class, KafkaTopics.CLAIMS),
            type("ClaimDeclined", ClaimDeclined.class, KafkaTopics.CLAIMS),
            type("ClaimWithdrawn", ClaimWithdrawn.class, KafkaTopics.CLAIMS),
            type("AwardWithdrawn", AwardWithdrawn.class, KafkaTopics.CLAIMS),
            type("RoundOpened", RoundOpened.class, KafkaTopics.CLAIMS),
            type("TopicWithdrawn", TopicWithdrawn.class, KafkaTopics.CLAIMS),
            type("TopicUnclaimed", TopicUnclaimed.class, KafkaTopics.CLAIMS),
            type("TopicAssigned", TopicAssigned.class, KafkaTopics.CLAIMS),
            type("ProgressReported", ProgressReported.class, KafkaTopics.DISPATCH),
            type("EscalationRaised", EscalationRaised.class, KafkaTopics.DISPATCH),
            type("EscalationCleared", EscalationCleared.class, KafkaTopics.DISPATCH),
            type("ReportingPeriodClosed", ReportingPeriodClosed.class, KafkaTopics.DISPATCH),
            type("ResolutionSubmitted", ResolutionSubmitted.class, KafkaTopics.RESOLUTIONS),
            type("ResolutionAccepted", ResolutionAccepted.class, KafkaTopics.RESOLUTIONS),
            type("ResolutionRejected", ResolutionRejected.class, KafkaTopics.RESOLUTIONS),
            type("EvaluationLinksIssued", EvaluationLinksIssued.class, KafkaTopics.RESOLUTIONS),
            type("EvaluationVoteCast", EvaluationVoteCast.class, KafkaTopics.RESOLUTIONS),
            type("EvaluationClosed", EvaluationClosed.class, KafkaTopics.RESOLUTIONS),
            type("TopicClosed", TopicClosed.class, KafkaTopics.RESOLUTIONS),
            type("TopicReopened", TopicReopened.class, KafkaTopics.RESOLUTIONS),
            type("AppealLodged", AppealLodged.class, KafkaTopics.RESOLUTIONS),
            type("AppealDecided", AppealDecided.class, KafkaTopics.RESOLUTIONS),
            type("LeaderboardRecorded", LeaderboardRecorded.class, KafkaTopics.RESOLUTIONS),
            type("DeadLetterReplayed", DeadLetterReplayed.class, KafkaTopics.DEAD_LETTERS),
            type("DeadLetterDiscarded", DeadLetterDiscarded.class, KafkaTopics.DEAD_LETTERS));

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<String, EventType<?>> BY_CLOUD_EVENT_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::cloudEventType, Function.identity()));
    private static final Map<Class<?>, EventType<?>> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

    private EventCatalog() {
    }

    /** The registered type of an event; every event record must be registered. */
    public static EventType<?> typeOf(DomainEvent event) {
        EventType<?> type = BY_CLASS.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException(event.getClass().getName() + " is not in the EventCatalog");
        }
        return type;
    }

    /** Unknown names are empty: a type no service of the board knows (a consumer dead-letters it). */
    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The type a CloudEvent's {@code type} names: its reverse-DNS name ({@link EventType#cloudEventType()}), or the
     * board's own name, which events written before 2026-11-30 carry (docs/events-changelog.md).
     */
    public static Optional<EventType<?>> byWireType(String type) {
        EventType<?> current = BY_CLOUD_EVENT_TYPE.get(type);
        return current != null ? Optional.of(current) : byName(type);
    }

    private static <E extends DomainEvent> EventType<E> type(String name, Class<E> javaType, String kafkaTopic) {
        return new EventType<>(name, 1, javaType, kafkaTopic);
    }
}
