package io.jiebang.console.application;

import io.jiebang.events.ClaimMode;
import io.jiebang.events.Priority;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** Commands to topic-service, as the caller; a refusal arrives as the service worded it. */
public interface TopicCommands {

    /** The body of {@code POST /api/topics}; latitude and longitude both or neither (null). */
    record NewTopic(String batchId, String title, String description, String category, String expectedOutcome,
                    Instant dueDate, Priority priority, String location, Double latitude, Double longitude,
                    ClaimMode claimMode, int maxCoClaimants) {
    }

    /**
     * Posts and publishes the topic in one command (both or neither); the same idempotency key again answers the
     * topic it made. Its id.
     */
    Mono<String> postPublished(Caller caller, NewTopic topic, String idempotencyKey);
}
