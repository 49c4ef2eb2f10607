package io.jiebang.console.web;

import io.jiebang.console.application.BoardQueries;
import io.jiebang.console.application.TopicQuery;
import io.jiebang.console.domain.BatchView;
import io.jiebang.console.domain.CategoryView;
import io.jiebang.console.domain.TopicStatus;
import io.jiebang.console.domain.TopicView;
import io.jiebang.platform.domain.Rejection;
import java.time.Duration;
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
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Open311 GeoReport v2 for street systems: the taxonomy as services, topics as service requests, and
 * posting a request (a street's problem, drafted and published at once). Statuses map to open and closed.
 */
@RestController
@RequestMapping("/open311/v2")
public class Open311Controller {

    private static final Set<TopicStatus> CLOSED = Set.of(TopicStatus.CLOSED, TopicStatus.WITHDRAWN);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REQUESTS = 200;

    private final BoardQueries board;
    private final WebClient client;
    private final Downstream downstream;

    public Open311Controller(BoardQueries board, WebClient.Builder builder, Downstream downstream) {
        this.board = board;
        this.client = builder.build();
        this.downstream = downstream;
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
                                               @RequestParam(required = false) String status) {
        if (status != null && !status.equals("open") && !status.equals("closed")) {
            return Mono.error(Rejection.invalid("status", "unknown-status", "status is open or closed"));
        }
        Instant start = time("start_date", start_date);
        Instant end = time("end_date", end_date);
        Set<String> ids = service_request_id == null ? Set.of() : Set.copyOf(Arrays.asList(service_request_id.split(",")));
        return Mono.zip(names(), board.topics(new TopicQuery(null, null, null, null, service_code, null, 0, MAX_REQUESTS)))
                .map(t -> t.getT2().items().stream()
                        .filter(topic -> ids.isEmpty() || ids.contains(topic.id()))
                        .filter(topic -> status == null || status.equals(openOrClosed(topic)))
                        .filter(topic -> start == null || (topic.postedAt() != null && !topic.postedAt().isBefore(start)))
                        .filter(topic -> end == null || (topic.postedAt() != null && !topic.postedAt().isAfter(end)))
                        .sorted(Comparator.comparing(TopicView::updatedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                        .map(topic -> request(topic, t.getT1()))
                        .toList());
    }

    @GetMapping("/requests/{id}.json")
    public Mono<List<ServiceRequest>> request(@PathVariable String id) {
        return Mono.zip(names(), board.topic(id)).map(t -> List.of(request(t.getT2(), t.getT1())));
    }

    /**
     * Posts a street's problem: {@code service_code}, {@code description}, optional {@code address_string},
     * and optionally {@code attribute[batch_id]}, {@code attribute[title]} (else the latest open batch and the
     * description's start). It is drafted and published at once, as the calling street's topic.
     */
    @PostMapping(path = "/requests.json", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public Mono<List<Created>> create(ServerWebExchange exchange, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return exchange.getFormData().flatMap(form -> {
            String code = required(form, "service_code");
            String description = required(form, "description");
            if (description.length() > 5000) {
                return Mono.error(Rejection.invalid("description", "description-too-long",
                        "a description has at most 5000 characters"));
            }
            String title = form.getFirst("attribute[title]") != null ? form.getFirst("attribute[title]")
                    : description.substring(0, Math.min(description.length(), 50));
            Mono<Boolean> known = board.categories().any(c -> c.code().equals(code));
            String language = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE);
            return known.flatMap(isKnown -> isKnown ? batch(form.getFirst("attribute[batch_id]"))
                            : Mono.error(Rejection.invalid("service_code", "unknown-service", "there is no service {0}", code)))
                    .flatMap(batch -> post(authorization, language, "/api/topics", Map.of("batchId", batch.id(), "title", title,
                            "description", description, "category", code, "expectedOutcome", description,
                            "dueDate", batch.dueDate().toString(), "priority", "NORMAL",
                            "location", form.getFirst("address_string") == null ? "" : form.getFirst("address_string"),
                            "claimMode", "FIRST_COME", "maxCoClaimants", 2)))
                    .flatMap(created -> {
                        String id = created.get("id").asString();
                        return post(authorization, language, "/api/topics/" + id + "/publish", null)
                                .thenReturn(List.of(new Created(id, "published for claiming")));
                    });
        });
    }

    private Mono<BatchView> batch(String batchId) {
        if (batchId != null) {
            return board.batch(batchId);
        }
        return board.batches().filter(b -> "OPEN".equals(b.state())).next()
                .switchIfEmpty(Mono.error(Rejection.conflict("no-open-batch", "no batch is open for topics")));
    }

    /** A command to its owner, as the caller and in its language; the owner's problem (if any) is the answer. */
    private Mono<JsonNode> post(String authorization, String language, String path, Object body) {
        WebClient.RequestBodySpec request = client.post().uri(downstream.urlOf(Downstream.Service.TOPIC) + path)
                .header(HttpHeaders.AUTHORIZATION, authorization);
        if (language != null) {
            request.header(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        WebClient.RequestHeadersSpec<?> ready = body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.retrieve().bodyToMono(JsonNode.class).timeout(TIMEOUT)
                .onErrorMap(WebClientResponseException.class, Open311Controller::asRejection);
    }

    private static Rejection asRejection(WebClientResponseException e) {
        JsonNode problem = e.getResponseBodyAs(JsonNode.class);
        String detail = problem != null && problem.has("detail") ? problem.get("detail").asString() : e.getStatusText();
        String type = problem != null && problem.has("type") ? problem.get("type").asString() : "";
        String code = type.substring(type.lastIndexOf('/') + 1);
        Rejection.Kind kind = switch (e.getStatusCode().value()) {
            case 400 -> Rejection.Kind.INVALID;
            case 401 -> Rejection.Kind.UNAUTHENTICATED;
            case 403 -> Rejection.Kind.FORBIDDEN;
            case 404 -> Rejection.Kind.NOT_FOUND;
            default -> Rejection.Kind.CONFLICT;
        };
        // The owner already worded it in the caller's language.
        return Rejection.relayed(kind, code, detail);
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
