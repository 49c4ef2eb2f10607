package io.jiebang.topic.domain;

import io.jiebang.events.ClaimMode;
import io.jiebang.events.Priority;
import java.time.Instant;

/** What the poster fills in for a topic. */
public record TopicDraft(String batchId, String title, String description, String category, String expectedOutcome,
                         Instant dueDate, Priority priority, String location, ClaimMode claimMode, int maxCoClaimants) {
}
