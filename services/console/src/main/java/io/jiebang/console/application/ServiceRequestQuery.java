package io.jiebang.console.application;

import io.jiebang.console.readmodel.TopicStatus;
import java.time.Instant;
import java.util.Set;

/**
 * Open311's query of service requests (GeoReport v2 "GET service requests"): published topics only, of some
 * services and statuses, requested (published) within [from, to], newest request first, a page at a time.
 *
 * @param serviceCodes the categories, or empty for all
 * @param statuses the topic statuses, or empty for all published ones
 * @param page numbered from 0
 * @param district the jurisdiction: one district's requests; null: every district's
 */
public record ServiceRequestQuery(Set<String> serviceCodes, Set<TopicStatus> statuses, Instant from, Instant to,
                                  int page, int size, String district) {

    public ServiceRequestQuery(Set<String> serviceCodes, Set<TopicStatus> statuses, Instant from, Instant to, int page,
                               int size) {
        this(serviceCodes, statuses, from, to, page, size, null);
    }
}
