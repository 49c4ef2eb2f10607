package io.jiebang.console.gateway;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The operators' routes to each service's dead letters: {@code /api/dead-letters/<service>…} goes to that service's
 * {@code /api/dead-letters…}, forwarded as the public API's commands are (the token with it: each service lets only
 * coordinators in). The console's own are served here by the console ({@code ConsoleDeadLetterController}). Not
 * part of the public API's OpenAPI description: they are for the coordinators' console page and operators.
 */
@Configuration
public class DeadLetterRoutes {

    /** The services behind the gateway, by the name each goes by (its dead-letter topic's, its metrics'). */
    public static final Map<String, Downstream.Service> SERVICES = Map.of(
            "topic-service", Downstream.Service.TOPIC,
            "claim-service", Downstream.Service.CLAIM,
            "dispatch-service", Downstream.Service.DISPATCH,
            "resolution-service", Downstream.Service.RESOLUTION,
            "notification-service", Downstream.Service.NOTIFICATION);

    /** Paths below {@code /api/dead-letters/<service>}, as each service serves them below {@code /api/dead-letters}. */
    public static final List<Map.Entry<HttpMethod, String>> PATHS = List.of(
            Map.entry(GET, ""),
            Map.entry(POST, "/{id}/replay"),
            Map.entry(POST, "/{id}/discard"));

    @Bean
    public RouterFunction<ServerResponse> deadLetterGateway(GatewayProxy proxy) {
        RouterFunctions.Builder routes = RouterFunctions.route();
        SERVICES.forEach((name, service) -> {
            String prefix = "/api/dead-letters/" + name;
            for (Map.Entry<HttpMethod, String> path : PATHS) {
                routes.route(RequestPredicates.method(path.getKey()).and(RequestPredicates.path(prefix + path.getValue())),
                        request -> proxy.forward(request, service,
                                "/api/dead-letters" + request.uri().getRawPath().substring(prefix.length())));
            }
        });
        return routes.build();
    }
}
