package io.jiebang.console.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the gateway finds each service. */
@ConfigurationProperties("jiebang.services")
public record Downstream(String topicUrl, String claimUrl, String dispatchUrl, String resolutionUrl) {

    public enum Service {
        TOPIC, CLAIM, DISPATCH, RESOLUTION
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
