package io.jiebang.console.application;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The dispatch report of a batch, composed at the edge: progress, overdue and escalated topics from
 * dispatch-service, and the leaderboard from resolution-service.
 */
public interface DispatchReports {

    record DispatchReport(String batchId, JsonNode dispatch, JsonNode leaderboard) {
    }

    Mono<DispatchReport> report(String batchId, Caller caller);
}
