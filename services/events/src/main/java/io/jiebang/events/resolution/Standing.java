package io.jiebang.events.resolution;

/**
 * One organisation's place on a batch's leaderboard (搭台比拼), with the parts of its score (docs/rules.md).
 * {@code overturnedAppeals}: how many of its topics count as they do because a coordinator overturned a decision
 * on appeal (申诉改判).
 */
public record Standing(int rank, String orgId, double score, double resolvedPoints, double onTimePoints,
                       double satisfactionPoints, int topicsLed, int topicsCoClaimed, int resolvedTopics,
                       int onTimeTopics, int unratedTopics, int overturnedAppeals) {
}
