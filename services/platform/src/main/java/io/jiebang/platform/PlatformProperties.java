package io.jiebang.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the chassis, under {@code jiebang.*}. */
@ConfigurationProperties("jiebang")
public class PlatformProperties {

    /** The service's name: the CloudEvents source of its events and its Kafka consumer group. */
    private String serviceName = "service";
    /** This process among the service's instances: unique per running process, the same across its restarts. */
    private String instance = "instance";
    private final Clock clock = new Clock();
    private final Scheduler scheduler = new Scheduler();
    private final Security security = new Security();
    private final Metrics metrics = new Metrics();

    public String getServiceName() {
        return serviceName;
    }

    public void setServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    public String getInstance() {
        return instance;
    }

    public void setInstance(String instance) {
        this.instance = instance;
    }

    public Clock getClock() {
        return clock;
    }

    public Scheduler getScheduler() {
        return scheduler;
    }

    public Security getSecurity() {
        return security;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public static class Metrics {
        /** How often the outbox backlog is counted in the store (a scan in the embedded store). */
        private Duration outboxInterval = Duration.ofSeconds(15);

        public Duration getOutboxInterval() {
            return outboxInterval;
        }

        public void setOutboxInterval(Duration outboxInterval) {
            this.outboxInterval = outboxInterval;
        }
    }

    public static class Clock {
        /** Opens {@code /internal/clock} so tests can move time; never in production. */
        private boolean adjustable;

        public boolean isAdjustable() {
            return adjustable;
        }

        public void setAdjustable(boolean adjustable) {
            this.adjustable = adjustable;
        }
    }

    public static class Scheduler {
        /** How often time-driven work (deadlines, reminders, evaluation windows) is looked at. */
        private Duration interval = Duration.ofSeconds(15);

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    public static class Security {
        /** Paths open without a token, e.g. the public evaluation page. */
        private List<String> publicPaths = new ArrayList<>();
        /**
         * The paths that also accept the bearer token as an {@code access_token} query parameter: browsers cannot
         * set headers on an EventSource (Server-Sent Events). None by default; a token in the query of any other
         * path is not read, since query strings end up in logs and histories.
         */
        private List<String> tokenInQueryPaths = new ArrayList<>();

        public List<String> getTokenInQueryPaths() {
            return tokenInQueryPaths;
        }

        public void setTokenInQueryPaths(List<String> tokenInQueryPaths) {
            this.tokenInQueryPaths = tokenInQueryPaths;
        }

        /** The Content-Security-Policy header: nothing by default, as services serve only JSON. */
        private String contentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

        public String getContentSecurityPolicy() {
            return contentSecurityPolicy;
        }

        public void setContentSecurityPolicy(String contentSecurityPolicy) {
            this.contentSecurityPolicy = contentSecurityPolicy;
        }

        public List<String> getPublicPaths() {
            return publicPaths;
        }

        public void setPublicPaths(List<String> publicPaths) {
            this.publicPaths = publicPaths;
        }
    }
}
