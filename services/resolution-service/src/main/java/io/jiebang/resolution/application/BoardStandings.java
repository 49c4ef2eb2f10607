package io.jiebang.resolution.application;

import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.resolution.domain.Case;
import io.jiebang.resolution.domain.Leaderboard;
import io.jiebang.resolution.domain.Rates;
import io.jiebang.resolution.domain.TopicFacts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The rates and the leaderboard of a batch, counted now from every topic's facts. */
@Service
public class BoardStandings {

    private final MongoEventStore store;
    private final CommandExecutor executor;
    private final Clock clock;

    public BoardStandings(MongoEventStore store, CommandExecutor executor, Clock clock) {
        this.store = store;
        this.executor = executor;
        this.clock = clock;
    }

    public record Stats(String batchId, Instant countedAt, int topics, Rates overall, Map<String, Rates> perOrganisation,
                        Map<String, Rates> perStreet, Map<String, Rates> perCategory) {
    }

    public record Standings(String batchId, Instant countedAt, List<Leaderboard.Entry> entries) {
    }

    public Mono<Stats> stats(String batchId) {
        Instant now = clock.instant();
        return topicsOf(batchId).map(topics -> new Stats(batchId, now, topics.size(), Rates.of(topics, now),
                Rates.per(topics, TopicFacts::leadOrgId, now), Rates.per(topics, TopicFacts::street, now),
                Rates.per(topics, TopicFacts::category, now)));
    }

    public Mono<Standings> leaderboard(String batchId) {
        return topicsOf(batchId).map(topics -> new Standings(batchId, clock.instant(), Leaderboard.rank(topics)));
    }

    private Mono<List<TopicFacts>> topicsOf(String batchId) {
        return store.streamIds(ResolutionStreams.TOPICS)
                .concatMap(id -> executor.read(ResolutionStreams.TOPICS, id))
                .filter(c -> c.isKnown() && batchId.equals(c.batchId()))
                .map(Case::facts)
                .collectList();
    }
}
