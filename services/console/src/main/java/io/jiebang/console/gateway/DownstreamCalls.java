package io.jiebang.console.gateway;

import io.jiebang.console.application.Caller;
import io.jiebang.console.application.DispatchReports;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.jiebang.console.application.TopicCommands;
import io.jiebang.platform.domain.Rejection;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What the console itself asks the services, as its caller: with their token (each service checks it) and
 * their language (each service words its problems in it).
 */
@Component
public class DownstreamCalls implements DispatchReports, TopicCommands {

    private final WebClient client;
    private final ServiceInstances instances;

    public DownstreamCalls(WebClient client, ServiceInstances instances) {
        this.client = client;
        this.instances = instances;
    }

    /** Both sources are asked at the same time. */
    @Override
    public Mono<DispatchReport> report(String batchId, Caller caller) {
        Mono<JsonNode> dispatch = get(Downstream.Service.DISPATCH, "/api/batches/{id}/dispatch-report", batchId, caller);
        Mono<JsonNode> leaderboard = get(Downstream.Service.RESOLUTION, "/api/batches/{id}/leaderboard", batchId, caller);
        return Mono.zip(dispatch, leaderboard).map(parts -> new DispatchReport(batchId, parts.getT1(), parts.getT2()));
    }

    @Override
    public Mono<String> postPublished(Caller caller, NewTopic topic, String idempotencyKey) {
        return command(caller, "/api/topics", new Published(topic), idempotencyKey).map(created -> created.get("id").asString());
    }

    /** The topic with {@code publish: true}, as topic-service takes it. */
    private record Published(@JsonUnwrapped NewTopic topic) {
        @JsonProperty("publish")
        boolean publish() {
            return true;
        }
    }

    private Mono<JsonNode> get(Downstream.Service service, String path, String batchId, Caller caller) {
        return client.get().uri(instances.next(service) + path, batchId).headers(headers -> as(caller, headers))
                .retrieve().bodyToMono(JsonNode.class)
                .onErrorMap(WebClientResponseException.class, DownstreamCalls::asRejection);
    }

    /** A command to topic-service; its problem, if any, becomes the same refusal here. */
    private Mono<JsonNode> command(Caller caller, String path, Object body, String idempotencyKey) {
        return client.post().uri(instances.next(Downstream.Service.TOPIC) + path)
                .headers(headers -> as(caller, headers)).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .retrieve().bodyToMono(JsonNode.class)
                .onErrorMap(WebClientResponseException.class, DownstreamCalls::asRejection);
    }

    private static void as(Caller caller, HttpHeaders headers) {
        headers.set(HttpHeaders.AUTHORIZATION, caller.authorization());
        if (caller.language() != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, caller.language());
        }
    }

    private static Rejection asRejection(WebClientResponseException e) {
        JsonNode problem = e.getResponseBodyAs(JsonNode.class);
        String detail = problem != null && problem.has("detail") ? problem.get("detail").asString() : e.getStatusText();
        String type = problem != null && problem.has("type") ? problem.get("type").asString() : "";
        String code = type.substring(type.lastIndexOf('/') + 1);
        Rejection.Kind kind = switch (e.getStatusCode().value()) {
            case 400 -> Rejection.Kind.INVALID;
            case 401 -> Rejection.Kind.UNAUTHENTICATED;
            case 403 -> Rejection.Kind.FORBIDDEN;
            case 404 -> Rejection.Kind.NOT_FOUND;
            default -> Rejection.Kind.CONFLICT;
        };
        // The owner already worded it in the caller's language.
        return Rejection.relayed(kind, code, detail);
    }
}
