package io.jiebang.resolution.domain;

import io.jiebang.events.Direction;
import io.jiebang.events.OrgKind;
import io.jiebang.events.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the rates count about one topic, all from events.
 *
 * @param leadOrgId the organisation leading it now (or last), null if never awarded
 * @param resolved its resolution was accepted and it is not reopened now (RESOLVED, CLOSED or CLOSED_UNRATED)
 * @param votes the votes cast on it that count: all rounds, except a round whose evaluation ended INCONCLUSIVE
 * @param unrated it closed after an evaluation with fewer votes than its quorum (CLOSED_UNRATED)
 * @param overturnedOnAppeal a coordinator overturned a decision on it on appeal (申诉改判)
 */
public record TopicFacts(String topicId, String batchId, String posterOrgId, Direction direction, String category,
                         Instant dueDate, String leadOrgId, List<String> coClaimantOrgIds, boolean withdrawn,
                         boolean everAwarded, boolean awardedThroughClaimInWindow, boolean resolved, Instant acceptedAt,
                         boolean acceptedOnTime, Map<Verdict, Integer> votes,
                         boolean unrated, boolean overturnedOnAppeal) {

    /** Resolved, and accepted by the due date. */
    public boolean resolvedOnTime() {
        return resolved && acceptedOnTime;
    }

    /** Still open (not resolved, not withdrawn) past its due date: it counts as not on time. */
    public boolean openPastDue(Instant now) {
        return !resolved && !withdrawn && now.isAfter(dueDate);
    }

    /** The street the topic concerns: the poster of a street's problem, the lead of a department's topic. */
    public String street() {
        return direction.posterKind() == OrgKind.STREET ? posterOrgId : leadOrgId;
    }

    public int votesCast() {
        return votes.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int satisfiedVotes() {
        return votes.getOrDefault(Verdict.SATISFIED, 0) + votes.getOrDefault(Verdict.BASICALLY_SATISFIED, 0);
    }
}
