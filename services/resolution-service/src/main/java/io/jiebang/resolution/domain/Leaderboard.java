package io.jiebang.resolution.domain;

import io.jiebang.events.resolution.Standing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaderboard (搭台比拼) of a batch; the score is explained in docs/rules.md. Each resolved topic is worth
 * 10 points, 5 more if accepted by its due date, and up to 5 more for the share of satisfied votes. A team
 * splits the points: the lead keeps 60% and the co-claimants share 40%; a lead alone keeps all. A topic closed
 * unrated (its evaluation had fewer votes than its quorum) earns its resolved and on-time points but no satisfaction
 * points. {@code overturnedAppeals} notes how many of an organisation's topics count as they do because a coordinator
 * overturned a decision on appeal (申诉改判).
 */
public final class Leaderboard {

    public static final double RESOLVED_POINTS = 10;
    public static final double ON_TIME_POINTS = 5;
    public static final double SATISFACTION_POINTS = 5;
    public static final double LEAD_SHARE_IN_A_GROUP = 0.6;

    private Leaderboard() {
    }

    public static List<Standing> rank(List<TopicFacts> topics) {
        Map<String, Tally> tallies = new HashMap<>();
        for (TopicFacts topic : topics) {
            if (topic.leadOrgId() == null) {
                continue;
            }
            List<String> co = topic.coClaimantOrgIds();
            double leadShare = co.isEmpty() ? 1.0 : LEAD_SHARE_IN_A_GROUP;
            double coShare = co.isEmpty() ? 0 : (1 - LEAD_SHARE_IN_A_GROUP) / co.size();
            tallies.computeIfAbsent(topic.leadOrgId(), Tally::new).credit(topic, leadShare, true);
            co.forEach(org -> tallies.computeIfAbsent(org, Tally::new).credit(topic, coShare, false));
        }
        List<Tally> ordered = new ArrayList<>(tallies.values());
        ordered.sort(Comparator.comparingDouble((Tally t) -> -round(t.score()))
                .thenComparing(t -> -t.resolvedTopics)
                .thenComparing(t -> -t.onTimeTopics)
                .thenComparing(t -> t.orgId));
        List<Standing> entries = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Tally t = ordered.get(i);
            entries.add(new Standing(i + 1, t.orgId, round(t.score()), round(t.resolvedPoints), round(t.onTimePoints),
                    round(t.satisfactionPoints), t.led, t.coClaimed, t.resolvedTopics, t.onTimeTopics, t.unratedTopics,
                    t.overturnedAppeals));
        }
        return entries;
    }

    private static double round(double points) {
        return Math.round(points * 100) / 100.0;
    }

    private static final class Tally {
        final String orgId;
        double resolvedPoints;
        double onTimePoints;
        double satisfactionPoints;
        int led;
        int coClaimed;
        int resolvedTopics;
        int onTimeTopics;
        int unratedTopics;
        int overturnedAppeals;

        Tally(String orgId) {
            this.orgId = orgId;
        }

        void credit(TopicFacts topic, double share, boolean lead) {
            if (lead) {
                led++;
            } else {
                coClaimed++;
            }
            if (topic.overturnedOnAppeal()) {
                overturnedAppeals++;
            }
            if (!topic.resolved()) {
                return;
            }
            resolvedTopics++;
            resolvedPoints += RESOLVED_POINTS * share;
            if (topic.resolvedOnTime()) {
                onTimeTopics++;
                onTimePoints += ON_TIME_POINTS * share;
            }
            if (topic.unrated()) {
                unratedTopics++;
            } else if (topic.votesCast() > 0) {
                satisfactionPoints += SATISFACTION_POINTS * share * topic.satisfiedVotes() / topic.votesCast();
            }
        }

        double score() {
            return resolvedPoints + onTimePoints + satisfactionPoints;
        }
    }
}
