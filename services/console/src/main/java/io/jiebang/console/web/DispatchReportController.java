package io.jiebang.console.web;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The dispatch report of a batch, composed at the edge: progress, overdue and escalated topics from
 * dispatch-service, and the leaderboard from resolution-service.
 */
@RestController
public class DispatchReportController {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebClient client;
    private final Downstream downstream;

    public DispatchReportController(WebClient.Builder builder, Downstream downstream) {
        this.client = builder.build();
        this.downstream = downstream;
    }

    public record DispatchReport(String batchId, JsonNode dispatch, JsonNode leaderboard) {
    }

    @GetMapping("/api/batches/{batchId}/dispatch-report")
    public Mono<DispatchReport> report(@PathVariable String batchId, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Mono<JsonNode> dispatch = get(downstream.urlOf(Downstream.Service.DISPATCH), "/api/batches/{id}/dispatch-report", batchId, authorization);
        Mono<JsonNode> leaderboard = get(downstream.urlOf(Downstream.Service.RESOLUTION), "/api/batches/{id}/leaderboard", batchId, authorization);
        return Mono.zip(dispatch, leaderboard).map(parts -> new DispatchReport(batchId, parts.getT1(), parts.getT2()));
    }

    private Mono<JsonNode> get(String baseUrl, String path, String batchId, String authorization) {
        return client.get().uri(baseUrl + path, batchId).header(HttpHeaders.AUTHORIZATION, authorization)
                .retrieve().bodyToMono(JsonNode.class).timeout(TIMEOUT);
    }
}
