package io.jiebang.resolution.application;

import io.jiebang.events.Actor;
import io.jiebang.events.EventEnvelope;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.StreamSets;
import io.jiebang.platform.domain.BatchSet;
import io.jiebang.platform.eventstore.MongoEventStore;
import io.jiebang.resolution.domain.Case;
import io.jiebang.events.resolution.Standing;
import io.jiebang.resolution.domain.Leaderboard;
import io.jiebang.resolution.domain.Rates;
import io.jiebang.resolution.domain.TopicFacts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The rates and the leaderboard of a batch, counted now from every topic's facts. */
@Service
public class BoardStandings {

    private final MongoEventStore store;
    private final StreamSets sets;
    private final CommandExecutor executor;
    private final Clock clock;
    private final Map<String, Mono<List<TopicFacts>>> counting = new ConcurrentHashMap<>();

    public BoardStandings(MongoEventStore store, StreamSets sets, CommandExecutor executor, Clock clock) {
        this.store = store;
        this.sets = sets;
        this.executor = executor;
        this.clock = clock;
    }

    /** Completes when the reader may read the batch's figures: their district's, or any for the city level. */
    public Mono<Void> readable(Actor reader, String batchId) {
        return executor.requireReadable(reader, ResolutionStreams.BATCHES, batchId);
    }

    /** A district's rates, counted over the topics of all its batches. */
    public record DistrictRates(String districtId, int batches, int topics, Rates overall) {
    }

    public record DistrictComparison(Instant countedAt, List<DistrictRates> districts) {
    }

    /**
     * The rates of every district the reader may read, by district id: the city level compares them (区际比拼); a
     * district's own users see their district's row only.
     */
    public Mono<DistrictComparison> districts(Actor reader) {
        Instant now = clock.instant();
        return store.streamIds(ResolutionStreams.BATCHES)
                .concatMap(batchId -> executor.districtOf(ResolutionStreams.BATCHES, batchId)
                        .filter(reader::mayRead)
                        .flatMap(district -> topicsOf(batchId).map(topics -> Map.entry(district, topics))))
                .collectList()
                .map(batches -> {
                    Map<String, List<List<TopicFacts>>> byDistrict = new java.util.TreeMap<>();
                    batches.forEach(batch -> byDistrict.computeIfAbsent(batch.getKey(), k -> new java.util.ArrayList<>())
                            .add(batch.getValue()));
                    return new DistrictComparison(now, byDistrict.entrySet().stream().map(district -> {
                        List<TopicFacts> all = district.getValue().stream().flatMap(List::stream).toList();
                        return new DistrictRates(district.getKey(), district.getValue().size(), all.size(),
                                Rates.of(all, now));
                    }).toList());
                });
    }

    public record Stats(String batchId, Instant countedAt, int topics, Rates overall, Map<String, Rates> perOrganisation,
                        Map<String, Rates> perStreet, Map<String, Rates> perCategory) {
    }

    public record Standings(String batchId, Instant countedAt, List<Standing> entries) {
    }

    public Mono<Stats> stats(String batchId) {
        Instant now = clock.instant();
        return topicsOf(batchId).map(topics -> new Stats(batchId, now, topics.size(), Rates.of(topics, now),
                Rates.per(topics, TopicFacts::leadOrgId, now), Rates.per(topics, TopicFacts::street, now),
                Rates.per(topics, TopicFacts::category, now)));
    }

    public record RatesAt(Instant at, Rates overall) {
    }

    public record History(String batchId, List<RatesAt> points) {
    }

    public static final int MAX_POINTS = 50;

    /**
     * The batch's rates as they stood at evenly spaced moments, from its first publication until now:
     * each topic refolded from its events up to that moment.
     */
    public Mono<History> history(String batchId, int points) {
        if (points < 2 || points > MAX_POINTS) {
            return Mono.error(io.jiebang.platform.domain.Rejection.invalid("points", "points-out-of-range",
                    "ask for 2 to {0} points", MAX_POINTS));
        }
        Instant now = clock.instant();
        return sets.members(ResolutionStreams.TOPICS, BatchSet.of(batchId))
                .concatMap(id -> store.load(ResolutionStreams.TOPICS.key(id)).map(stream -> Map.entry(id, stream.events())))
                .filter(topic -> batchId.equals(asOf(topic.getKey(), topic.getValue(), now).batchId()))
                .collectList()
                .map(topics -> {
                    Instant start = topics.stream().flatMap(t -> t.getValue().stream()).map(EventEnvelope::occurredAt)
                            .min(Instant::compareTo).orElse(now);
                    long span = java.time.Duration.between(start, now).toMillis();
                    List<RatesAt> series = new java.util.ArrayList<>();
                    for (int i = 0; i < points; i++) {
                        Instant at = start.plusMillis(span * i / (points - 1));
                        List<TopicFacts> facts = topics.stream().map(t -> asOf(t.getKey(), t.getValue(), at))
                                .filter(Case::isKnown).map(Case::facts).toList();
                        series.add(new RatesAt(at, Rates.of(facts, at)));
                    }
                    return new History(batchId, series);
                });
    }

    private static Case asOf(String topicId, List<EventEnvelope> events, Instant at) {
        Case topic = ResolutionStreams.TOPICS.factory().apply(topicId);
        events.stream().filter(e -> !e.occurredAt().isAfter(at)).forEach(topic::apply);
        return topic;
    }

    public Mono<Standings> leaderboard(String batchId) {
        return topicsOf(batchId).map(topics -> new Standings(batchId, clock.instant(), Leaderboard.rank(topics)));
    }

    /**
     * The facts of a batch's topics. Asked for again while a count of the same batch is under way, it shares that
     * count instead of starting another: a count reads every topic of the batch, and under load requests for the
     * stats and the leaderboard arrive faster than one count ends, each starting its own until none finished in time.
     */
    private Mono<List<TopicFacts>> topicsOf(String batchId) {
        return Mono.defer(() -> counting.computeIfAbsent(batchId, id -> count(id)
                .doFinally(signal -> counting.remove(id))
                .cache()));
    }

    private Mono<List<TopicFacts>> count(String batchId) {
        return sets.read(ResolutionStreams.TOPICS, BatchSet.of(batchId))
                .filter(c -> c.isKnown() && batchId.equals(c.batchId()))
                .map(Case::facts)
                .collectList();
    }
}
