package io.jiebang.topic.domain;

import io.jiebang.events.ClaimMode;
import io.jiebang.events.Priority;
import java.time.Instant;

/**
 * What the poster fills in for a topic.
 *
 * @param latitude with {@code longitude}, where on the map; both or neither (null)
 */
public record TopicDraft(String batchId, String title, String description, String category, String expectedOutcome,
                         Instant dueDate, Priority priority, String location, Double latitude, Double longitude,
                         ClaimMode claimMode, int maxCoClaimants) {
}
