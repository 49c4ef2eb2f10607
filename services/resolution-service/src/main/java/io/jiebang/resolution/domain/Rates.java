package io.jiebang.resolution.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The four rates of the board, counted per topic from the events alone (see docs/rules.md):
 * <ul>
 *   <li>response: topics awarded through a claim made inside the claim window / topics opened;</li>
 *   <li>resolution (解决率): topics RESOLVED, CLOSED or CLOSED_UNRATED now / topics ever awarded or assigned;</li>
 *   <li>on-time: resolved topics accepted by their due date / (resolved topics + topics open past due);</li>
 *   <li>satisfaction: satisfied and basically satisfied votes / all votes, leaving out the votes of an evaluation
 *   that ended INCONCLUSIVE (fewer than its quorum).</li>
 * </ul>
 * {@code unratedTopics} says how many topics closed unrated (CLOSED_UNRATED): resolved in the resolution and on-time
 * rates, absent from the satisfaction rate.
 */
public record Rates(Rate response, Rate resolution, Rate onTime, Rate satisfaction, int unratedTopics) {

    public static Rates of(List<TopicFacts> topics, Instant now) {
        int opened = topics.size();
        int respondedInWindow = count(topics, TopicFacts::awardedThroughClaimInWindow);
        int awarded = count(topics, TopicFacts::everAwarded);
        int resolved = count(topics, TopicFacts::resolved);
        int onTime = count(topics, TopicFacts::resolvedOnTime);
        int openPastDue = count(topics, t -> t.openPastDue(now));
        int votes = topics.stream().mapToInt(TopicFacts::votesCast).sum();
        int satisfied = topics.stream().mapToInt(TopicFacts::satisfiedVotes).sum();
        return new Rates(Rate.of(respondedInWindow, opened), Rate.of(resolved, awarded), Rate.of(onTime, resolved + openPastDue),
                Rate.of(satisfied, votes), count(topics, TopicFacts::unrated));
    }

    /** The rates of each group, e.g. per lead organisation; topics without a group key are left out. */
    public static Map<String, Rates> per(List<TopicFacts> topics, Function<TopicFacts, String> key, Instant now) {
        return topics.stream().filter(t -> key.apply(t) != null)
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()))
                .entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> of(e.getValue(), now), (a, b) -> a, TreeMap::new));
    }

    private static int count(List<TopicFacts> topics, java.util.function.Predicate<TopicFacts> test) {
        return (int) topics.stream().filter(Objects::nonNull).filter(test).count();
    }
}
