package io.jiebang.console.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the gateway finds each service, and how it calls them. */
@ConfigurationProperties("jiebang.services")
public record Downstream(String topicUrl, String claimUrl, String dispatchUrl, String resolutionUrl, String notificationUrl,
                         @DefaultValue Client client) {

    public enum Service {
        TOPIC, CLAIM, DISPATCH, RESOLUTION, NOTIFICATION
    }

    /**
     * The one connection pool for every call to the services: every command through the gateway takes a
     * connection for its whole round trip. A service on two cores gains nothing from more calls at once than it
     * can work on, so the pool is small and calls beyond it wait briefly, then are refused with 503 and
     * {@code Retry-After}: an overloaded stack answers at its capacity and says so at once, instead of queueing
     * work until every caller has given up on it.
     *
     * @param maxConnections calls under way per service
     * @param pendingAcquireMaxCount calls that may wait for a connection; one more is refused at once (503)
     * @param pendingAcquireTimeout how long a call may wait for a connection; then it is refused (503)
     * @param responseTimeout the longest silence while waiting for or reading an answer; then 504
     */
    public record Client(@DefaultValue("64") int maxConnections, @DefaultValue("1000") int pendingAcquireMaxCount,
                         @DefaultValue("2s") Duration pendingAcquireTimeout, @DefaultValue("30s") Duration responseTimeout) {
    }

    public String urlOf(Service service) {
        return switch (service) {
            case TOPIC -> topicUrl;
            case CLAIM -> claimUrl;
            case DISPATCH -> dispatchUrl;
            case RESOLUTION -> resolutionUrl;
            case NOTIFICATION -> notificationUrl;
        };
    }
}
