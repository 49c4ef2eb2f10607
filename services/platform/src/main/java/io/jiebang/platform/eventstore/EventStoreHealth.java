package io.jiebang.platform.eventstore;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/** UP when the store answers a read, with any MongoDB-wire server (real MongoDB or the embedded one). */
public class EventStoreHealth implements ReactiveHealthIndicator {

    private final MongoEventStore store;

    public EventStoreHealth(MongoEventStore store) {
        this.store = store;
    }

    @Override
    public Mono<Health> health() {
        return store.isEmpty().timeout(Duration.ofSeconds(3))
                .map(empty -> Health.up().build())
                .onErrorResume(e -> Mono.just(Health.down().withException(e).build()));
    }
}
