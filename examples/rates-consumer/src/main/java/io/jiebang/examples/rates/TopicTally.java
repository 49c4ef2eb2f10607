package io.jiebang.examples.rates;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What the rates count about one topic, folded from its public events in the order they happened (docs/rules.md,
 * "Rates"; the event types and fields are in docs/events.md).
 */
final class TopicTally {

    final String topicId;
    String batchId;
    Instant dueDate;
    boolean withdrawn;
    boolean everAwarded;
    boolean awardedThroughClaimInWindow;
    /** Accepted and not reopened since: RESOLVED, CLOSED or CLOSED_UNRATED. */
    boolean resolved;
    boolean acceptedOnTime;
    boolean unrated;
    private boolean lastEvaluationInconclusive;
    /** Votes by round: a round whose evaluation ended INCONCLUSIVE, or was overturned on appeal, counts none. */
    private final Map<Integer, Map<String, Integer>> votes = new HashMap<>();
    private final Set<Integer> roundsNotCounted = new HashSet<>();
    /** The last acceptance, restored when an appeal overturns the reopening that followed it. */
    private boolean lastAcceptanceOnTime;

    /** Events written before 2026-11-30 carry the board's own type names (docs/events-changelog.md). */
    private static final Map<String, String> OLDER_NAMES = Map.of("TopicPublished", "io.jiebang.topic.published.v1",
            "ClaimAwarded", "io.jiebang.claim.awarded.v1", "TopicAssigned", "io.jiebang.claim.topic-assigned.v1",
            "TopicWithdrawn", "io.jiebang.claim.topic-withdrawn.v1", "ResolutionAccepted", "io.jiebang.resolution.accepted.v1",
            "EvaluationVoteCast", "io.jiebang.resolution.evaluation-vote-cast.v1",
            "EvaluationClosed", "io.jiebang.resolution.evaluation-closed.v1", "TopicClosed", "io.jiebang.resolution.topic-closed.v1",
            "TopicReopened", "io.jiebang.resolution.topic-reopened.v1", "AppealDecided", "io.jiebang.resolution.appeal-decided.v1");

    TopicTally(String topicId) {
        this.topicId = topicId;
    }

    void apply(JsonNode event) {
        JsonNode data = event.get("data");
        String type = event.get("type").asString();
        switch (OLDER_NAMES.getOrDefault(type, type)) {
            case "io.jiebang.topic.published.v1" -> {
                batchId = data.get("batchId").asString();
                dueDate = Instant.parse(data.get("dueDate").asString());
            }
            case "io.jiebang.claim.awarded.v1" -> {
                everAwarded = true;
                awardedThroughClaimInWindow |= data.get("withinClaimWindow").asBoolean();
            }
            case "io.jiebang.claim.topic-assigned.v1" -> everAwarded = true;
            case "io.jiebang.claim.topic-withdrawn.v1" -> withdrawn = true;
            case "io.jiebang.resolution.accepted.v1" -> {
                resolved = true;
                acceptedOnTime = data.get("onTime").asBoolean();
                lastAcceptanceOnTime = acceptedOnTime;
                lastEvaluationInconclusive = false;
            }
            case "io.jiebang.resolution.evaluation-vote-cast.v1" -> votes.computeIfAbsent(data.get("round").asInt(), r -> new HashMap<>())
                    .merge(data.get("verdict").asString(), 1, Integer::sum);
            case "io.jiebang.resolution.evaluation-closed.v1" -> {
                lastEvaluationInconclusive = "INCONCLUSIVE".equals(data.get("outcome").asString());
                if (lastEvaluationInconclusive) {
                    roundsNotCounted.add(data.get("round").asInt());
                }
            }
            case "io.jiebang.resolution.topic-closed.v1" -> unrated = lastEvaluationInconclusive;
            case "io.jiebang.resolution.topic-reopened.v1" -> {
                resolved = false;
                acceptedOnTime = false;
            }
            case "io.jiebang.resolution.appeal-decided.v1" -> {
                // A reopening overturned on appeal: the acceptance stands again, and the appealed votes count no more.
                if ("OVERTURNED".equals(data.get("ruling").asString())
                        && "EVALUATION_OUTCOME".equals(data.get("subject").asString())) {
                    everAwarded = true;
                    resolved = true;
                    acceptedOnTime = lastAcceptanceOnTime;
                    roundsNotCounted.add(data.get("round").asInt());
                }
            }
            default -> {
                // Other events change nothing the rates count.
            }
        }
    }

    boolean resolvedOnTime() {
        return resolved && acceptedOnTime;
    }

    boolean openPastDue(Instant now) {
        return !resolved && !withdrawn && now.isAfter(dueDate);
    }

    int votesCounted() {
        return counted().values().stream().mapToInt(Integer::intValue).sum();
    }

    int satisfiedVotes() {
        Map<String, Integer> counted = counted();
        return counted.getOrDefault("SATISFIED", 0) + counted.getOrDefault("BASICALLY_SATISFIED", 0);
    }

    private Map<String, Integer> counted() {
        Map<String, Integer> total = new HashMap<>();
        votes.forEach((round, verdicts) -> {
            if (!roundsNotCounted.contains(round)) {
                verdicts.forEach((verdict, n) -> total.merge(verdict, n, Integer::sum));
            }
        });
        return total;
    }
}
