package io.jiebang.notification.application;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.TopicEvent;
import io.jiebang.notification.domain.NotificationRules;
import io.jiebang.notification.domain.NotificationRules.Decision;
import io.jiebang.notification.domain.TopicFact;
import io.jiebang.notification.domain.TopicRecord;
import io.jiebang.platform.messaging.Inbox;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What notifying hears from the board's public topics. An event of a topic may teach a fact of its topic (its
 * publication, a round's team, an appeal), which the topic's record keeps, and may concern people, who are notified.
 * An event that needs a fact not heard yet (events of one topic come on four Kafka topics, in no fixed order between
 * them) is parked with the topic's record and handled when the fact comes; nothing is told to fewer people meanwhile.
 * An event of a batch (a reporting period closed) carries all it says and is decided from itself alone.
 * Everything is idempotent by event id, so a redelivered event, or the same event handled by two instances at once,
 * makes each notification once.
 */
@Service
public class NotificationInbox implements Inbox {

    private static final Logger log = LoggerFactory.getLogger(NotificationInbox.class);

    private final TopicRecords records;
    private final Notifier notifier;
    private final Clock clock;
    private final NotificationProperties properties;
    private final OrgDistricts orgs;

    public NotificationInbox(TopicRecords records, Notifier notifier, Clock clock, NotificationProperties properties,
                             OrgDistricts orgs) {
        this.records = records;
        this.orgs = orgs;
        this.notifier = notifier;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public Mono<Void> handle(EventEnvelope event) {
        if (event.data() instanceof OrgRegistered registered) {
            return orgs.record(registered.orgId(), event.district());
        }
        if (!(event.data() instanceof TopicEvent about)) {
            // A batch's event (a period's digest) says all it needs itself: no topic's record, nothing to wait for.
            return NotificationRules.notifies(event.type()) && isRecent(event)
                    ? notifier.notifyAll(NotificationRules.decideBatch(event))
                    : Mono.empty();
        }
        String topicId = about.topicId();
        Optional<TopicFact> fact = TopicFact.of(event.data());
        boolean concerns = NotificationRules.notifies(event.type()) && isRecent(event);
        if (fact.isEmpty() && !concerns) {
            return Mono.empty();
        }
        Mono<TopicRecords.Stored> stored = fact.map(known -> records.record(topicId, known)).orElseGet(() -> records.find(topicId));
        return stored.flatMap(now -> (concerns ? notifyOrPark(event, now.record()) : Mono.<Void>empty())
                .then(fact.isPresent() ? handleWaiting(topicId, now) : Mono.empty()));
    }

    private Mono<Void> notifyOrPark(EventEnvelope event, TopicRecord record) {
        Decision decision = NotificationRules.decide(event, record);
        if (decision instanceof Decision.Notify notify) {
            return notifier.notifyAll(notify.notifications());
        }
        String topicId = record.topicId();
        // Parked first, then decided again on the record as it is after parking: a fact recorded meanwhile is seen
        // here, one recorded later sees this event among the waiting.
        return records.park(topicId, event).flatMap(parked -> {
            Decision again = NotificationRules.decide(event, parked.record());
            if (again instanceof Decision.Notify notify) {
                return notifier.notifyAll(notify.notifications()).then(records.unpark(topicId, event.eventId()));
            }
            log.info("event {} {} of topic {} waits for {}", event.type(), event.eventId(), topicId,
                    ((Decision.Wait) again).missing());
            return Mono.empty();
        });
    }

    /** The parked events of the topic that the fact just recorded lets through. */
    private Mono<Void> handleWaiting(String topicId, TopicRecords.Stored stored) {
        return Flux.fromIterable(stored.waiting())
                .concatMap(waiting -> {
                    if (!(NotificationRules.decide(waiting, stored.record()) instanceof Decision.Notify notify)) {
                        return Mono.empty();
                    }
                    return notifier.notifyAll(notify.notifications()).then(records.unpark(topicId, waiting.eventId()));
                })
                .then();
    }

    private boolean isRecent(EventEnvelope event) {
        boolean recent = !event.occurredAt().isBefore(clock.instant().minus(properties.notifyWithin()));
        if (!recent) {
            log.debug("event {} {} of {} is older than {}: it notifies nobody", event.type(), event.eventId(),
                    event.occurredAt(), properties.notifyWithin());
        }
        return recent;
    }
}
