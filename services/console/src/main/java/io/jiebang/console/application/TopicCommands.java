package io.jiebang.console.application;

import io.jiebang.events.ClaimMode;
import io.jiebang.events.Priority;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** Commands to topic-service, as the caller; a refusal arrives as the service worded it. */
public interface TopicCommands {

    /** The body of {@code POST /api/topics}. */
    record NewTopic(String batchId, String title, String description, String category, String expectedOutcome,
                    Instant dueDate, Priority priority, String location, ClaimMode claimMode, int maxCoClaimants) {
    }

    /** Drafts the topic; its id. */
    Mono<String> post(Caller caller, NewTopic topic);

    Mono<Void> publish(Caller caller, String topicId);
}
