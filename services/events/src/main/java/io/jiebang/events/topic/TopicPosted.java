package io.jiebang.events.topic;

import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.GeoPoint;
import io.jiebang.events.Priority;
import io.jiebang.events.TopicEvent;
import java.time.Instant;

/**
 * An organisation drafted a topic into a batch. Not yet visible to claimants.
 *
 * @param location where, in words, or null
 * @param point where on the map, or null (since 2026-11: absent in earlier events)
 */
public record TopicPosted(String topicId, String batchId, String posterOrgId, Direction direction, String title,
                          String description, String category, String expectedOutcome, Instant dueDate,
                          Priority priority, String location, GeoPoint point, ClaimMode claimMode, int maxCoClaimants)
        implements TopicEvent {
}
