package io.jiebang.platform.deadletter;

import com.mongodb.client.model.Updates;
import io.jiebang.events.Actor;
import io.jiebang.events.Districts;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.deadletter.DeadLetterDiscarded;
import io.jiebang.events.deadletter.DeadLetterEvent;
import io.jiebang.events.deadletter.DeadLetterReplayed;
import io.jiebang.platform.domain.Rejection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What a coordinator can do with the service's dead letters: list them, replay one (the service handles it again;
 * if it fails again it stays dead with the new reason), discard one with a reason. Only a coordinator may, of their
 * own district's (docs/tenancy.md); each
 * action is recorded as an event ({@link DeadLetterReplayed}, {@link DeadLetterDiscarded}) on the service's
 * dead-letter topic.
 */
public class DeadLetterOperations {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterOperations.class);
    private static final int LISTED = 500;
    private static final int REASON_MAX = 500;

    /** Sends one event's JSON to Kafka and waits for the acknowledgement; false or an exception when it was not taken. */
    @FunctionalInterface
    public interface EventSender {
        boolean send(String topic, String key, String json);
    }

    private final String service;
    private final DeadLetterStore store;
    private final Clock clock;
    private final EventSender sender;
    private final Map<String, DeadLetterReplayer> replayers;

    public DeadLetterOperations(String service, DeadLetterStore store, Clock clock, EventSender sender,
                                List<DeadLetterReplayer> replayers) {
        this.service = service;
        this.store = store;
        this.clock = clock;
        this.sender = sender;
        this.replayers = replayers.stream().collect(Collectors.toMap(DeadLetterReplayer::origin, Function.identity()));
    }

    public String service() {
        return service;
    }

    /** @param status DEAD, REPLAYED, DISCARDED, or null for all */
    public Flux<DeadLetter> list(Actor actor, String status) {
        return Mono.fromRunnable(() -> onlyCoordinators(actor))
                .thenMany(publishPending().onErrorResume(e -> Mono.empty()))
                .thenMany(store.list(status, actor.district(), LISTED));
    }

    public Mono<DeadLetter> replay(Actor actor, String id) {
        return Mono.fromRunnable(() -> onlyCoordinators(actor))
                .then(deadOne(id, actor))
                .flatMap(read -> {
                    DeadLetterReplayer replayer = replayers.get(read.view().origin());
                    if (replayer == null) {
                        return Mono.error(Rejection.conflict("dead-letter-not-replayable",
                                "this service cannot replay a dead letter of origin {0}", read.view().origin()));
                    }
                    return Mono.fromCallable(() -> java.util.Optional.ofNullable(replayer.replay(read)))
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(failure -> {
                                DeadLetter dead = read.view();
                                String reason = failure.map(Throwable::toString).orElse(null);
                                DeadLetterReplayed event = new DeadLetterReplayed(dead.id(), service, dead.origin(), dead.topic(),
                                        dead.partition() == null ? -1 : dead.partition(), dead.offset() == null ? -1 : dead.offset(),
                                        dead.eventId(), dead.eventType(), failure.isEmpty(), reason);
                                List<Bson> changes = new ArrayList<>();
                                if (failure.isEmpty()) {
                                    changes.add(Updates.set("status", DeadLetter.REPLAYED));
                                    changes.add(Updates.set("resolvedAt", new Date()));
                                    changes.add(Updates.set("resolvedBy", actor.userId()));
                                    log.info("dead letter {} replayed by {}: handled", dead.id(), actor.userId());
                                } else {
                                    changes.add(Updates.set("reason", String.valueOf(failure.get().getMessage())));
                                    changes.add(Updates.set("exception", failure.get().getClass().getName()));
                                    changes.add(Updates.set("diedAt", new Date()));
                                    changes.add(Updates.inc("deaths", 1));
                                    log.warn("dead letter {} replayed by {}: failed again, still dead: {}", dead.id(), actor.userId(), reason);
                                }
                                return record(read, changes, event, actor);
                            });
                });
    }

    public Mono<DeadLetter> discard(Actor actor, String id, String reason) {
        return Mono.fromRunnable(() -> {
                    onlyCoordinators(actor);
                    if (reason == null || reason.isBlank() || reason.length() > REASON_MAX) {
                        throw Rejection.invalid("reason", "dead-letter-reason-required",
                                "say why the dead letter is discarded, in 1 to {0} characters", REASON_MAX);
                    }
                })
                .then(deadOne(id, actor))
                .flatMap(read -> {
                    DeadLetter dead = read.view();
                    DeadLetterDiscarded event = new DeadLetterDiscarded(dead.id(), service, dead.origin(), dead.topic(),
                            dead.partition() == null ? -1 : dead.partition(), dead.offset() == null ? -1 : dead.offset(),
                            dead.eventId(), dead.eventType(), reason.strip());
                    log.info("dead letter {} discarded by {}: {}", dead.id(), actor.userId(), reason);
                    return record(read, List.of(Updates.set("status", DeadLetter.DISCARDED), Updates.set("resolvedAt", new Date()),
                            Updates.set("resolvedBy", actor.userId()), Updates.set("resolution", reason.strip())), event, actor);
                });
    }

    /** Sends the events of actions not yet acknowledged by Kafka (after a failed send, or a crash in between). */
    public Mono<Void> publishPending() {
        return store.withPendingEvents()
                .concatMap(letter -> Mono.fromCallable(() -> {
                            List<Document> acknowledged = new ArrayList<>();
                            for (Document event : letter.getList("unpublished", Document.class, List.of())) {
                                try {
                                    if (sender.send(event.getString("topic"), event.getString("key"), event.getString("json"))) {
                                        acknowledged.add(event);
                                    }
                                } catch (RuntimeException e) {
                                    log.warn("the event of an action on dead letter {} was not sent, sent later: {}", letter.get("_id"), e.toString());
                                }
                            }
                            return acknowledged;
                        })
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(acknowledged -> acknowledged.isEmpty() ? Mono.empty() : store.sent(letter, acknowledged)))
                .then();
    }

    private Mono<DeadLetter> record(DeadLetterStore.Entry read, List<Bson> changes, DeadLetterEvent event, Actor actor) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(),
                io.jiebang.events.EventCatalog.typeOf(event).name(), io.jiebang.events.EventCatalog.typeOf(event).version(),
                event.aggregateId(), read.actions() + 1, clock.instant(), "/jiebang/" + service, actor,
                UUID.randomUUID().toString(), null, event, 0, java.util.Map.of(), read.view().district());
        DeadLetterStore.PendingEvent pending = new DeadLetterStore.PendingEvent(envelope.eventId(), envelope.kafkaTopic(),
                envelope.aggregateId(), EventCodec.encodeToString(envelope));
        return store.act(read, changes, pending)
                .switchIfEmpty(Mono.error(() -> Rejection.conflict("dead-letter-not-dead",
                        "dead letter {0} was already replayed or discarded", read.view().id())))
                .flatMap(acted -> publishPending().onErrorResume(e -> {
                    log.warn("the events of dead-letter actions were not sent, sent later: {}", e.toString());
                    return Mono.empty();
                }).thenReturn(acted.view()));
    }

    /** The dead letter, if the coordinator's district's (another district's is as unknown as none). */
    private Mono<DeadLetterStore.Entry> deadOne(String id, Actor actor) {
        return store.find(id)
                .filter(read -> Objects.requireNonNullElse(read.view().district(), Districts.FIRST).equals(actor.district()))
                .switchIfEmpty(Mono.error(() -> Rejection.notFound("dead-letter-not-found", "there is no dead letter {0}", id)))
                .flatMap(read -> read.view().isDead() ? Mono.just(read) : Mono.error(Rejection.conflict("dead-letter-not-dead",
                        "dead letter {0} was already replayed or discarded", id)));
    }

    private static void onlyCoordinators(Actor actor) {
        if (actor == null || !actor.isCoordinator()) {
            throw Rejection.forbidden("dead-letters-coordinators-only", "only a coordinator may see and handle dead letters");
        }
    }
}
