package io.jiebang.console.gateway;

import static io.jiebang.console.gateway.Downstream.Service.CLAIM;
import static io.jiebang.console.gateway.Downstream.Service.DISPATCH;
import static io.jiebang.console.gateway.Downstream.Service.NOTIFICATION;
import static io.jiebang.console.gateway.Downstream.Service.RESOLUTION;
import static io.jiebang.console.gateway.Downstream.Service.TOPIC;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The commands of the public API and the service that owns each. The gateway forwards them unchanged
 * (body, bearer token, Idempotency-Key) and answers with the owner's answer; queries are answered from
 * the read model instead (BoardController), except the rates and the leaderboard, counted by resolution-service,
 * and a caller's notifications and their settings, kept by notification-service.
 */
@Configuration
public class GatewayRoutes {

    public record Route(HttpMethod method, String path, Downstream.Service owner) {
    }

    public static final List<Route> ROUTES = List.of(
            new Route(POST, "/api/organisations", TOPIC),
            new Route(POST, "/api/organisations/{id}/rename", TOPIC),
            new Route(POST, "/api/organisations/{id}/move", TOPIC),
            new Route(POST, "/api/organisations/{id}/retire", TOPIC),
            new Route(POST, "/api/staff", TOPIC),
            new Route(POST, "/api/staff/{username}/reset-credentials", TOPIC),
            new Route(POST, "/api/staff/{username}/move", TOPIC),
            new Route(POST, "/api/staff/{username}/deactivate", TOPIC),
            new Route(POST, "/api/batches", TOPIC),
            new Route(POST, "/api/batches/{id}/open", TOPIC),
            new Route(POST, "/api/batches/{id}/close-claiming", TOPIC),
            new Route(POST, "/api/batches/{id}/close", TOPIC),
            new Route(POST, "/api/topics", TOPIC),
            new Route(POST, "/api/topics/{id}/publish", TOPIC),
            new Route(POST, "/api/topics/{id}/withdraw", CLAIM),
            new Route(POST, "/api/topics/{id}/claims", CLAIM),
            new Route(POST, "/api/topics/{id}/claims/{claimId}/award", CLAIM),
            new Route(POST, "/api/topics/{id}/claims/{claimId}/withdraw", CLAIM),
            new Route(POST, "/api/topics/{id}/claims/{claimId}/accept-place", CLAIM),
            new Route(POST, "/api/topics/{id}/claims/{claimId}/decline-place", CLAIM),
            new Route(POST, "/api/topics/{id}/assign", CLAIM),
            new Route(POST, "/api/topics/{id}/progress", DISPATCH),
            new Route(POST, "/api/topics/{id}/resolution", RESOLUTION),
            new Route(POST, "/api/topics/{id}/resolution/accept", RESOLUTION),
            new Route(POST, "/api/topics/{id}/resolution/reject", RESOLUTION),
            new Route(POST, "/api/topics/{id}/evaluation-links", RESOLUTION),
            new Route(POST, "/api/topics/{id}/evaluation/close", RESOLUTION),
            new Route(POST, "/api/topics/{id}/appeals", RESOLUTION),
            new Route(POST, "/api/topics/{id}/appeals/{appealId}/decision", RESOLUTION),
            new Route(POST, "/api/evaluations/{token}", RESOLUTION),
            new Route(GET, "/api/batches/{id}/stats", RESOLUTION),
            new Route(GET, "/api/batches/{id}/stats/history", RESOLUTION),
            new Route(GET, "/api/batches/{id}/leaderboard", RESOLUTION),
            new Route(GET, "/api/districts/stats", RESOLUTION),
            new Route(GET, "/api/inbox", NOTIFICATION),
            new Route(GET, "/api/inbox/unread-count", NOTIFICATION),
            new Route(POST, "/api/inbox/{id}/read", NOTIFICATION),
            new Route(POST, "/api/inbox/read-all", NOTIFICATION),
            new Route(GET, "/api/notification-settings/{id}", NOTIFICATION),
            new Route(PUT, "/api/notification-settings/{id}", NOTIFICATION),
            new Route(GET, "/api/notification-settings/{id}/deliveries", NOTIFICATION),
            new Route(POST, "/api/notification-settings/{id}/deliveries/{deliveryId}/retry", NOTIFICATION));

    @Bean
    public RouterFunction<ServerResponse> gateway(GatewayProxy proxy) {
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (Route route : ROUTES) {
            routes.route(RequestPredicates.method(route.method()).and(RequestPredicates.path(route.path())),
                    request -> proxy.forward(request, route.owner()));
        }
        return routes.build();
    }
}
