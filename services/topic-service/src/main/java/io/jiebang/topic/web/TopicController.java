package io.jiebang.topic.web;

import io.jiebang.events.ClaimMode;
import io.jiebang.events.Priority;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.web.CommandBody;
import io.jiebang.platform.web.CommandRequests;
import io.jiebang.topic.application.TopicUseCases;
import io.jiebang.topic.domain.TopicDraft;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class TopicController {

    private final TopicUseCases topics;
    private final CommandRequests requests;

    public TopicController(TopicUseCases topics, CommandRequests requests) {
        this.topics = topics;
        this.requests = requests;
    }

    public record PostTopicRequest(@NotBlank @Size(max = 64) String batchId,
                                   @NotBlank @Size(max = 200) String title,
                                   @NotBlank @Size(max = 5000) String description,
                                   @NotBlank @Size(max = 64) String category,
                                   @NotBlank @Size(max = 2000) String expectedOutcome,
                                   @NotNull OffsetDateTime dueDate,
                                   @NotNull Priority priority,
                                   @Size(max = 200) String location,
                                   Double latitude,
                                   Double longitude,
                                   @NotNull ClaimMode claimMode,
                                   @NotNull @Min(0) @Max(10) Integer maxCoClaimants,
                                   Boolean publish) {

        TopicDraft toDraft() {
            return new TopicDraft(batchId, title, description, category, expectedOutcome, dueDate.toInstant(),
                    priority, location, latitude, longitude, claimMode, maxCoClaimants);
        }
    }

    @PostMapping("/api/topics")
    public Mono<ResponseEntity<String>> post(CommandMeta meta, @Valid @CommandBody PostTopicRequest request) {
        return requests.respond(topics.post(meta, request.toDraft(), Boolean.TRUE.equals(request.publish())));
    }

    @PostMapping("/api/topics/{id}/publish")
    public Mono<ResponseEntity<String>> publish(CommandMeta meta, @PathVariable String id) {
        return requests.respond(topics.publish(meta, id));
    }
}
