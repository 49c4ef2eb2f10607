package io.jiebang.platform.observability;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * UP when the service's database answers a read, with any MongoDB-wire server (real MongoDB or the embedded
 * one, which does not know the driver's own 'hello' check). Every service has one: the event store's or the
 * console's read model.
 */
public class StoreHealth implements ReactiveHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final MongoDatabase database;

    public StoreHealth(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public Mono<Health> health() {
        // Any collection will do: an absent one answers empty, which is an answer.
        return Mono.from(database.getCollection("commits").find().limit(1).first())
                .map(found -> true).defaultIfEmpty(true).timeout(TIMEOUT)
                .map(answered -> Health.up().build())
                .onErrorResume(e -> Mono.just(Health.down().withException(e).build()));
    }
}
