package io.jiebang.dispatch.web;

import io.jiebang.dispatch.application.DispatchReports;
import io.jiebang.dispatch.application.ProgressUseCases;
import io.jiebang.events.Actor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.web.CommandBody;
import io.jiebang.platform.web.CommandRequests;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class ProgressController {

    private final ProgressUseCases progress;
    private final DispatchReports reports;
    private final CommandRequests requests;

    public ProgressController(ProgressUseCases progress, DispatchReports reports, CommandRequests requests) {
        this.progress = progress;
        this.reports = reports;
        this.requests = requests;
    }

    public record ProgressRequest(@NotNull @Min(0) @Max(100) Integer percent, @NotBlank @Size(max = 5000) String note,
                                  @Size(max = 200) String milestone) {
    }

    @PostMapping("/api/topics/{topicId}/progress")
    public Mono<ResponseEntity<String>> report(CommandMeta meta, @PathVariable String topicId,
                                               @Valid @CommandBody ProgressRequest request) {
        return requests.respond(progress.report(meta, topicId, request.percent(), request.note(), request.milestone()));
    }

    @GetMapping("/api/batches/{batchId}/dispatch-report")
    public Mono<DispatchReports.Report> dispatchReport(@PathVariable String batchId, Actor reader) {
        return reports.forBatch(batchId, reader);
    }
}
