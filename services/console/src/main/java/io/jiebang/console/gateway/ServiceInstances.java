package io.jiebang.console.gateway;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The instances of each service, from its URL setting (several comma-separated, as {@code make run} gives with
 * {@code JIEBANG_REPLICAS=2}; on Kubernetes one Service address). Calls take them in turn; one that refused a
 * connection is passed over for a moment, so a killed instance costs its callers one refused attempt, not one
 * in every few calls until it is back.
 */
@Component
public class ServiceInstances {

    private static final long PASSED_OVER_NANOS = 2_000_000_000L;

    private final Map<Downstream.Service, List<String>> urls = new EnumMap<>(Downstream.Service.class);
    private final AtomicInteger turn = new AtomicInteger();
    private final Map<String, Long> refusedAt = new ConcurrentHashMap<>();

    public ServiceInstances(Downstream downstream) {
        for (Downstream.Service service : Downstream.Service.values()) {
            String setting = downstream.urlOf(service);
            urls.put(service, setting == null ? List.of() : Arrays.stream(setting.split(","))
                    .map(String::trim).filter(url -> !url.isEmpty()).toList());
        }
    }

    /** How many instances a call may try before it gives up. */
    public int count(Downstream.Service service) {
        return Math.max(1, urls.get(service).size());
    }

    /** The next instance in turn that has not just refused a connection (if all have, the next in turn). */
    public String next(Downstream.Service service) {
        List<String> all = urls.get(service);
        int start = Math.floorMod(turn.getAndIncrement(), all.size());
        for (int i = 0; i < all.size(); i++) {
            String url = all.get((start + i) % all.size());
            Long refused = refusedAt.get(url);
            if (refused == null || System.nanoTime() - refused > PASSED_OVER_NANOS) {
                return url;
            }
        }
        return all.get(start);
    }

    /** The instance at {@code url} refused a connection: the call was never delivered, and may go to another. */
    public void refused(String url) {
        refusedAt.put(url, System.nanoTime());
    }
}
