package io.jiebang.topic.web;

import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.web.CommandBody;
import io.jiebang.platform.web.CommandRequests;
import io.jiebang.topic.application.BatchUseCases;
import io.jiebang.events.batch.EvaluationSettings;
import io.jiebang.events.batch.StageLimits;
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
                                     @NotNull @Min(1) @Max(90) Integer reportingPeriodDays,
                                     Integer evaluationQuorum, Integer evaluationMinimumWindowHours,
                                     Integer evaluationLinksPerRound, Integer awardLimitDays, Integer verdictLimitDays,
                                     Integer evaluationLinksLimitDays, Integer assignmentLimitDays, Integer newRoundClaimDays) {

        /** Each evaluation setting and stage limit left out takes its default (docs/rules.md). */
        BatchPlan toPlan() {
            EvaluationSettings defaults = EvaluationSettings.DEFAULTS;
            StageLimits limits = StageLimits.DEFAULTS;
            return new BatchPlan(name, opensAt.toInstant(), claimDeadline.toInstant(), dueDate.toInstant(),
                    reportingPeriodDays, new EvaluationSettings(
                            orDefault(evaluationQuorum, defaults.quorum()),
                            orDefault(evaluationMinimumWindowHours, defaults.minimumWindowHours()),
                            orDefault(evaluationLinksPerRound, defaults.linksPerRound())),
                    new StageLimits(orDefault(awardLimitDays, limits.awardDays()), orDefault(verdictLimitDays, limits.verdictDays()),
                            orDefault(evaluationLinksLimitDays, limits.evaluationLinksDays()),
                            orDefault(assignmentLimitDays, limits.assignmentDays()),
                            orDefault(newRoundClaimDays, limits.newRoundClaimDays())));
        }

        private static int orDefault(Integer given, int defaultValue) {
            return given == null ? defaultValue : given;
        }
    }

    @PostMapping("/api/batches")
    public Mono<ResponseEntity<String>> create(CommandMeta meta, @Valid @CommandBody CreateBatchRequest request) {
        return requests.respond(batches.create(meta, request.toPlan()));
    }

    @PostMapping("/api/batches/{id}/open")
    public Mono<ResponseEntity<String>> open(CommandMeta meta, @PathVariable String id) {
        return requests.respond(batches.open(meta, id));
    }

    @PostMapping("/api/batches/{id}/close-claiming")
    public Mono<ResponseEntity<String>> closeClaiming(CommandMeta meta, @PathVariable String id) {
        return requests.respond(batches.closeClaiming(meta, id));
    }

    @PostMapping("/api/batches/{id}/close")
    public Mono<ResponseEntity<String>> close(CommandMeta meta, @PathVariable String id) {
        return requests.respond(batches.close(meta, id));
    }
}
