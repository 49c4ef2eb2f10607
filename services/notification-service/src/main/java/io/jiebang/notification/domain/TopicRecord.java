package io.jiebang.notification.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What notifying needs to know of a topic that its own events do not say: who posted it and its title, the team of
 * each round and who lodged each appeal. Built from the topic's events ({@link TopicFact}), which arrive on several
 * Kafka topics and so in no fixed order: a fact may still be missing when an event needs it.
 *
 * @param teams the team of each round that was awarded or assigned, by round
 * @param appellants the organisation that lodged each appeal, by appeal id
 */
public record TopicRecord(String topicId, String posterOrgId, String title, String batchId, Map<Integer, Team> teams,
                          Map<String, String> appellants) {

    public TopicRecord {
        teams = Map.copyOf(teams);
        appellants = Map.copyOf(appellants);
    }

    /**
     * The organisations working on a round: the lead and the co-claimants on its team.
     *
     * @param withdrawn the lead gave the topic back: the team no longer hears of the round
     */
    public record Team(String leadOrgId, List<String> coClaimantOrgIds, boolean withdrawn) {

        public Team {
            coClaimantOrgIds = List.copyOf(coClaimantOrgIds);
        }

        public List<String> members() {
            return Stream.concat(Stream.of(leadOrgId), coClaimantOrgIds.stream()).distinct().toList();
        }
    }

    /** A topic nothing is known of yet. */
    public static TopicRecord unknown(String topicId) {
        return new TopicRecord(topicId, null, null, null, Map.of(), Map.of());
    }

    /** Its publication was heard: poster and title are known. */
    public boolean published() {
        return posterOrgId != null;
    }

    public Optional<Team> team(int round) {
        return Optional.ofNullable(teams.get(round));
    }

    public Optional<String> appellant(String appealId) {
        return Optional.ofNullable(appellants.get(appealId));
    }
}
