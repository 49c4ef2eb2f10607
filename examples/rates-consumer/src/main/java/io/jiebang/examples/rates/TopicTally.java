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

    TopicTally(String topicId) {
        this.topicId = topicId;
    }

    void apply(JsonNode event) {
        JsonNode data = event.get("data");
        switch (event.get("type").asString()) {
            case "TopicPublished" -> {
                batchId = data.get("batchId").asString();
                dueDate = Instant.parse(data.get("dueDate").asString());
            }
            case "ClaimAwarded" -> {
                everAwarded = true;
                awardedThroughClaimInWindow |= data.get("withinClaimWindow").asBoolean();
            }
            case "TopicAssigned" -> everAwarded = true;
            case "TopicWithdrawn" -> withdrawn = true;
            case "ResolutionAccepted" -> {
                resolved = true;
                acceptedOnTime = data.get("onTime").asBoolean();
                lastAcceptanceOnTime = acceptedOnTime;
                lastEvaluationInconclusive = false;
            }
            case "EvaluationVoteCast" -> votes.computeIfAbsent(data.get("round").asInt(), r -> new HashMap<>())
                    .merge(data.get("verdict").asString(), 1, Integer::sum);
            case "EvaluationClosed" -> {
                lastEvaluationInconclusive = "INCONCLUSIVE".equals(data.get("outcome").asString());
                if (lastEvaluationInconclusive) {
                    roundsNotCounted.add(data.get("round").asInt());
                }
            }
            case "TopicClosed" -> unrated = lastEvaluationInconclusive;
            case "TopicReopened" -> {
                resolved = false;
                acceptedOnTime = false;
            }
            case "AppealDecided" -> {
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
