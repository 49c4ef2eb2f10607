package io.jiebang.console.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The web console's pages: the console itself at {@code /} (its views are hash routes), and the public
 * evaluation page of a one-time link at {@code /evaluate/{token}}. Their scripts, styles and message
 * bundles are static resources (static/app, static/css, static/i18n).
 */
@Configuration
public class ConsolePages {

    @Bean
    public RouterFunction<ServerResponse> pages(@Value("classpath:/static/index.html") Resource console,
                                                @Value("classpath:/static/evaluate.html") Resource evaluation) {
        return RouterFunctions.route(GET("/"), request -> page(console))
                .andRoute(GET("/evaluate/{token}"), request -> page(evaluation));
    }

    private static Mono<ServerResponse> page(Resource html) {
        // Revalidated on every visit, so a new release's scripts are picked up at once.
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).bodyValue(html);
    }
}
