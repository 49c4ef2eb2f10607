package io.jiebang.console.web;

import io.jiebang.console.application.BoardQueries;
import io.jiebang.console.application.Caller;
import io.jiebang.console.application.ServiceRequests;
import io.jiebang.console.application.TopicQuery;
import io.jiebang.console.readmodel.CategoryView;
import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.Actor;
import io.jiebang.platform.domain.Rejection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Open311 GeoReport v2 for street systems: the taxonomy as services, topics as service requests, and
 * posting a request (a street's problem, drafted and published at once). Statuses map to open and closed.
 */
@RestController
@RequestMapping("/open311/v2")
public class Open311Controller {

    private static final Set<TopicStatus> CLOSED = Set.of(TopicStatus.CLOSED, TopicStatus.CLOSED_UNRATED, TopicStatus.WITHDRAWN);
    private static final int MAX_REQUESTS = 200;

    private final BoardQueries board;
    private final ServiceRequests serviceRequests;

    public Open311Controller(BoardQueries board, ServiceRequests serviceRequests) {
        this.board = board;
        this.serviceRequests = serviceRequests;
    }

    public record Service(String service_code, String service_name, String description, boolean metadata, String type,
                          String keywords, String group) {
    }

    public record ServiceDefinition(String service_code, List<Object> attributes) {
    }

    public record ServiceRequest(String service_request_id, String status, String status_notes, String service_name,
                                 String service_code, String description, String agency_responsible,
                                 String service_notice, Instant requested_datetime, Instant updated_datetime,
                                 Instant expected_datetime, String address) {
    }

    public record Created(String service_request_id, String service_notice) {
    }

    @GetMapping("/services.json")
    public Flux<Service> services() {
        return board.categories().map(c -> new Service(c.code(), c.name(), c.nameEn(), false, "realtime", c.classCode(), c.className()));
    }

    @GetMapping("/services/{code}.json")
    public Mono<ServiceDefinition> service(@PathVariable String code) {
        return board.categories().filter(c -> c.code().equals(code)).next()
                .switchIfEmpty(Mono.error(Rejection.notFound("service-not-found", "no service {0}", code)))
                .map(c -> new ServiceDefinition(c.code(), List.of()));
    }

    @GetMapping("/requests.json")
    public Mono<List<ServiceRequest>> requests(@RequestParam(required = false) String service_request_id,
                                               @RequestParam(required = false) String service_code,
                                               @RequestParam(required = false) String start_date,
                                               @RequestParam(required = false) String end_date,
                                               @RequestParam(required = false) String status, Actor reader) {
        if (status != null && !status.equals("open") && !status.equals("closed")) {
            return Mono.error(Rejection.invalid("status", "unknown-status", "status is open or closed"));
        }
        Instant start = time("start_date", start_date);
        Instant end = time("end_date", end_date);
        Set<String> ids = service_request_id == null ? Set.of() : Set.copyOf(Arrays.asList(service_request_id.split(",")));
        return Mono.zip(names(), board.topics(new TopicQuery(null, null, null, null, service_code, null, 0, MAX_REQUESTS), reader))
                .map(t -> t.getT2().items().stream()
                        .filter(topic -> topic.status() != TopicStatus.DRAFT)
                        .filter(topic -> ids.isEmpty() || ids.contains(topic.id()))
                        .filter(topic -> status == null || status.equals(openOrClosed(topic)))
                        .filter(topic -> start == null || (topic.postedAt() != null && !topic.postedAt().isBefore(start)))
                        .filter(topic -> end == null || (topic.postedAt() != null && !topic.postedAt().isAfter(end)))
                        .sorted(Comparator.comparing(TopicView::updatedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                        .map(topic -> request(topic, t.getT1()))
                        .toList());
    }

    @GetMapping("/requests/{id}.json")
    public Mono<List<ServiceRequest>> request(@PathVariable String id, Actor reader) {
        // A draft is no service request yet, even to its poster.
        return Mono.zip(names(), board.topic(id, reader).filter(topic -> topic.status() != TopicStatus.DRAFT)
                        .switchIfEmpty(Mono.error(Rejection.notFound("topic-not-found", "no topic {0}", id)))).map(t -> List.of(request(t.getT2(), t.getT1())));
    }

    /**
     * Posts a street's problem: {@code service_code}, {@code description}, optional {@code address_string},
     * and optionally {@code attribute[batch_id]}, {@code attribute[title]} (see {@link ServiceRequests}).
     */
    @PostMapping(path = "/requests.json", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public Mono<List<Created>> create(ServerWebExchange exchange, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller caller = new Caller(authorization, exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE));
        return exchange.getFormData()
                .flatMap(form -> serviceRequests.create(caller, new ServiceRequests.NewServiceRequest(
                        required(form, "service_code"), required(form, "description"), form.getFirst("address_string"),
                        form.getFirst("attribute[batch_id]"), form.getFirst("attribute[title]"))))
                .map(id -> List.of(new Created(id, "published for claiming")));
    }

    private Mono<Map<String, String>> names() {
        return board.categories().collectMap(CategoryView::code, CategoryView::name);
    }

    private static ServiceRequest request(TopicView topic, Map<String, String> categoryNames) {
        return new ServiceRequest(topic.id(), openOrClosed(topic), topic.status().name(), categoryNames.get(topic.category()),
                topic.category(), topic.description() == null ? topic.title() : topic.description(), topic.leadOrgId(),
                topic.title(), topic.postedAt(), topic.updatedAt(), topic.dueDate(), topic.location());
    }

    private static String openOrClosed(TopicView topic) {
        return CLOSED.contains(topic.status()) ? "closed" : "open";
    }

    private static String required(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        if (value == null || value.isBlank()) {
            throw Rejection.invalid(field, "field-required", "{0} is required", field);
        }
        return value.strip();
    }

    private static Instant time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw Rejection.invalid(field, "date-time-expected",
                    "{0} is a W3C date-time with an offset, like 2026-03-01T09:00:00+08:00", field);
        }
    }
}
