package io.jiebang.console.application;

import io.jiebang.console.readmodel.BatchView;
import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.GeoPoint;
import io.jiebang.events.Priority;
import io.jiebang.platform.Sha256;
import io.jiebang.platform.domain.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Open311 service requests (GeoReport v2, docs/open311.md): a street's problem in a few words, posted and published
 * at once as the street's topic (what a request does not say, the board's defaults say); and the published topics
 * found as the specification's queries ask, from the read model.
 */
@Service
public class ServiceRequests {

    static final int MAX_DESCRIPTION = 5000;
    /** Without a title, the description's start is the title. */
    static final int TITLE_FROM_DESCRIPTION = 50;
    /** A street system names no co-claimants; departments may still claim in a small group. */
    static final int MAX_CO_CLAIMANTS = 2;
    /** The longest window of a query, and the window of one that names none (GeoReport v2). */
    public static final Duration WINDOW = Duration.ofDays(90);
    /** The most requests one answer holds (GeoReport v2). */
    public static final int MAX_PAGE_SIZE = 1000;

    /** Closed requests; every other published status is open. */
    static final Set<TopicStatus> CLOSED = EnumSet.of(TopicStatus.CLOSED, TopicStatus.CLOSED_UNRATED, TopicStatus.WITHDRAWN);

    /**
     * @param address where, or null
     * @param point where on the map, or null; a request names one or the other, or both (GeoReport v2)
     * @param batchId the batch, or null for the first open one
     * @param title the title, or null
     */
    public record NewServiceRequest(String serviceCode, String description, String address, GeoPoint point, String batchId,
                                    String title) {
    }

    /**
     * A query as asked: every part optional.
     *
     * @param statuses "open" and/or "closed"
     * @param page numbered from 1
     */
    public record Search(List<String> serviceCodes, List<String> statuses, Instant start, Instant end, Integer page,
                         Integer pageSize) {
    }

    private final BoardQueries board;
    private final TopicCommands topics;
    private final Clock clock;

    public ServiceRequests(BoardQueries board, TopicCommands topics, Clock clock) {
        this.board = board;
        this.topics = topics;
        this.clock = clock;
    }

    /**
     * The published topic's id. The same request from the same street again is the same topic: the command's
     * idempotency key is made of the street and what it asked, so a retried post never makes a second one.
     */
    public Mono<String> create(Caller caller, String streetOrgId, String district, NewServiceRequest request) {
        String description = request.description();
        if (description.length() > MAX_DESCRIPTION) {
            return Mono.error(Rejection.invalid("description", "description-too-long",
                    "a description has at most 5000 characters"));
        }
        if (request.address() == null && request.point() == null) {
            return Mono.error(Rejection.invalid("address_string", "location-required",
                    "say where: address_string, or lat and long"));
        }
        String code = request.serviceCode();
        String key = "open311-" + Sha256.hex(String.join("\n", streetOrgId, code, description,
                String.valueOf(request.address()), String.valueOf(request.point()), String.valueOf(request.batchId()),
                String.valueOf(request.title())));
        return board.categories().any(c -> c.code().equals(code))
                .flatMap(known -> known ? batch(request.batchId(), district)
                        : Mono.error(Rejection.invalid("service_code", "unknown-service", "there is no service {0}", code)))
                .flatMap(batch -> topics.postPublished(caller, new TopicCommands.NewTopic(batch.id(), title(request),
                        description, code, description, batch.dueDate(), Priority.NORMAL,
                        request.address() == null ? "" : request.address(),
                        request.point() == null ? null : request.point().latitude(),
                        request.point() == null ? null : request.point().longitude(), ClaimMode.FIRST_COME, MAX_CO_CLAIMANTS), key));
    }

    /** Published topics of the district by id, in the order asked; an id of no such topic is left out. */
    public Flux<TopicView> byIds(List<String> ids, String district) {
        return Flux.fromIterable(ids).concatMap(id -> board.topic(id, null)
                .filter(topic -> topic.status() != TopicStatus.DRAFT && topic.district().equals(district))
                .onErrorResume(Rejection.class, e -> Mono.empty()));
    }

    /** A page of the district's published topics the search asks for, newest request first. */
    public Mono<ReadModel.Page<TopicView>> search(Search search, String district) {
        Set<TopicStatus> statuses = EnumSet.noneOf(TopicStatus.class);
        for (String status : search.statuses()) {
            switch (status) {
                case "open" -> EnumSet.complementOf(EnumSet.copyOf(CLOSED)).stream().filter(s -> s != TopicStatus.DRAFT)
                        .forEach(statuses::add);
                case "closed" -> statuses.addAll(CLOSED);
                default -> {
                    return Mono.error(Rejection.invalid("status", "unknown-status", "status is open or closed"));
                }
            }
        }
        Instant end = search.end() != null ? search.end() : clock.instant();
        Instant start = search.start() != null ? search.start() : end.minus(WINDOW);
        if (start.isAfter(end)) {
            return Mono.error(Rejection.invalid("start_date", "date-range-reversed", "start_date is after end_date"));
        }
        if (Duration.between(start, end).compareTo(WINDOW) > 0) {
            return Mono.error(Rejection.invalid("start_date", "date-range-too-long",
                    "start_date and end_date are at most 90 days apart"));
        }
        int page = search.page() == null ? 1 : search.page();
        int size = search.pageSize() == null ? MAX_PAGE_SIZE : search.pageSize();
        if (page < 1) {
            return Mono.error(Rejection.invalid("page", "open311-page-out-of-range", "page is numbered from 1"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            return Mono.error(Rejection.invalid("page_size", "open311-page-size-out-of-range", "page_size is 1 to {0}",
                    String.valueOf(MAX_PAGE_SIZE)));
        }
        return board.serviceRequests(new ServiceRequestQuery(Set.copyOf(search.serviceCodes()), statuses, start, end,
                page - 1, size, district));
    }

    /** "open" or "closed", as GeoReport v2 says a request's status. */
    public static String openOrClosed(TopicView topic) {
        return CLOSED.contains(topic.status()) ? "closed" : "open";
    }

    private static String title(NewServiceRequest request) {
        String description = request.description();
        return request.title() != null ? request.title()
                : description.substring(0, Math.min(description.length(), TITLE_FROM_DESCRIPTION));
    }

    /** The batch asked for, or the first open one of the street's district. */
    private Mono<BatchView> batch(String batchId, String district) {
        if (batchId != null) {
            return board.batch(batchId, null);
        }
        return board.batches(null, district).filter(b -> "OPEN".equals(b.state())).next()
                .switchIfEmpty(Mono.error(Rejection.conflict("no-open-batch", "no batch is open for topics")));
    }
}
