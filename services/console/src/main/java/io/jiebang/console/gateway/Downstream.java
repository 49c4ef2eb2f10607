package io.jiebang.console.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the gateway finds each service, and how it calls them. */
@ConfigurationProperties("jiebang.services")
public record Downstream(String topicUrl, String claimUrl, String dispatchUrl, String resolutionUrl,
                         @DefaultValue Client client) {

    public enum Service {
        TOPIC, CLAIM, DISPATCH, RESOLUTION
    }

    /**
     * The one connection pool for every call to the services: every command through the gateway takes a
     * connection for its whole round trip, so the pool is sized for the load, not Reactor Netty's default of 16.
     *
     * @param maxConnections connections per service
     * @param pendingAcquireMaxCount calls that may wait for a connection; one more is refused at once (the proxy's 503)
     * @param responseTimeout the longest silence while waiting for or reading an answer; then 504
     */
    public record Client(@DefaultValue("500") int maxConnections, @DefaultValue("10000") int pendingAcquireMaxCount,
                         @DefaultValue("30s") Duration responseTimeout) {
    }

    public String urlOf(Service service) {
        return switch (service) {
            case TOPIC -> topicUrl;
            case CLAIM -> claimUrl;
            case DISPATCH -> dispatchUrl;
            case RESOLUTION -> resolutionUrl;
        };
    }
}
