package io.jiebang.events.topic;

import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.TopicEvent;
import java.time.Instant;

/**
 * The poster published the topic: it is OPEN for claims by organisations of the other kind. Carries what
 * claiming, dispatch and resolution need, so they do not depend on {@link TopicPosted}.
 */
public record TopicPublished(String topicId, String batchId, String posterOrgId, Direction direction, String title,
                             String category, Instant dueDate, ClaimMode claimMode, int maxCoClaimants)
        implements TopicEvent {
}
