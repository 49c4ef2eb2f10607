package io.jiebang.topic.web;

import io.jiebang.events.Actor;
import io.jiebang.platform.web.CommandRequests;
import io.jiebang.topic.application.BatchUseCases;
import io.jiebang.topic.domain.BatchPlan;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class BatchController {

    private final BatchUseCases batches;
    private final CommandRequests requests;

    public BatchController(BatchUseCases batches, CommandRequests requests) {
        this.batches = batches;
        this.requests = requests;
    }

    public record CreateBatchRequest(@NotBlank @Size(max = 100) String name, @NotNull OffsetDateTime opensAt,
                                     @NotNull OffsetDateTime claimDeadline, @NotNull OffsetDateTime dueDate,
                                     @NotNull @Min(1) @Max(90) Integer reportingPeriodDays) {

        BatchPlan toPlan() {
            return new BatchPlan(name, opensAt.toInstant(), claimDeadline.toInstant(), dueDate.toInstant(),
                    reportingPeriodDays);
        }
    }

    @PostMapping("/api/batches")
    public Mono<ResponseEntity<String>> create(Actor actor,
                                               @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) String key,
                                               @Valid @RequestBody CreateBatchRequest request) {
        return requests.respond(batches.create(requests.meta(actor, key, "/api/batches", request), request.toPlan()));
    }

    @PostMapping("/api/batches/{id}/open")
    public Mono<ResponseEntity<String>> open(Actor actor, @PathVariable String id,
                                             @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) String key) {
        return requests.respond(batches.open(requests.meta(actor, key, "/api/batches/" + id + "/open", null), id));
    }

    @PostMapping("/api/batches/{id}/close-claiming")
    public Mono<ResponseEntity<String>> closeClaiming(Actor actor, @PathVariable String id,
                                                      @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) String key) {
        return requests.respond(batches.closeClaiming(
                requests.meta(actor, key, "/api/batches/" + id + "/close-claiming", null), id));
    }

    @PostMapping("/api/batches/{id}/close")
    public Mono<ResponseEntity<String>> close(Actor actor, @PathVariable String id,
                                              @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) String key) {
        return requests.respond(batches.close(requests.meta(actor, key, "/api/batches/" + id + "/close", null), id));
    }
}
