package io.jiebang.console.application;

import io.jiebang.events.EventEnvelope;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who did what (docs/administration.md): every event of every service, by its envelope's actor, and the console's
 * own logins and activations, which are no service's events.
 */
public interface AuditTrail {

    /**
     * @param action the event type, or {@code LoginSucceeded}, {@code LoginFailed}, {@code CredentialsSet}
     * @param subject what the action was on: the event's aggregate (topic, batch, organisation, account)
     * @param detail what else there is to say (a login's address), or null
     * @param district the district it happened in: the event's; for a login, the account's (none for an unknown
     *                 username, and for entries recorded before districts existed: the first district's)
     */
    record Entry(String id, Instant at, String user, String orgId, String role, String action, String subject, String detail,
                 String district) {

        public static Entry of(EventEnvelope event) {
            return new Entry(event.eventId(), event.occurredAt(), event.actor().userId(), event.actor().orgId(),
                    event.actor().role() == null ? null : event.actor().role().name(), event.type(), event.aggregateId(), null,
                    event.district());
        }
    }

    /**
     * Each filter null for any; {@code from} inclusive, {@code to} exclusive; {@code district}: one district's entries
     * (the first district's include those without one).
     */
    record Query(String user, String orgId, String action, String subject, Instant from, Instant to, String district) {

        public Query inDistrict(String only) {
            return new Query(user, orgId, action, subject, from, to, only);
        }
    }

    /** The events' entries, once each however often an event is delivered. */
    Mono<Void> recordAll(List<EventEnvelope> events);

    Mono<Void> record(Entry entry);

    /** Newest first. */
    Flux<Entry> search(Query query, long skip, int limit);
}
