package io.jiebang.console.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The one client every call to a service goes through: the proxy, the dispatch report and Open311. */
@Configuration(proxyBeanMethods = false)
public class DownstreamClientConfiguration {

    @Bean(destroyMethod = "dispose")
    public ConnectionProvider downstreamConnections(Downstream downstream) {
        return ConnectionProvider.builder("downstream")
                .maxConnections(downstream.client().maxConnections())
                .pendingAcquireMaxCount(downstream.client().pendingAcquireMaxCount())
                .pendingAcquireTimeout(downstream.client().pendingAcquireTimeout())
                .build();
    }

    @Bean
    public WebClient downstreamClient(WebClient.Builder builder, ConnectionProvider downstreamConnections,
                                      Downstream downstream) {
        HttpClient http = HttpClient.create(downstreamConnections).responseTimeout(downstream.client().responseTimeout());
        return builder.clientConnector(new ReactorClientHttpConnector(http)).build();
    }
}
