package io.jiebang.console.web;

import static io.jiebang.platform.domain.Texts.blankToNull;

import io.jiebang.console.application.Accounts;
import io.jiebang.console.application.BoardQueries;
import io.jiebang.console.application.Caller;
import io.jiebang.console.application.Open311Keys;
import io.jiebang.console.application.ServiceRequests;
import io.jiebang.console.application.TokenIssuer;
import io.jiebang.console.readmodel.CategoryView;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.console.web.Open311Formats.Names;
import io.jiebang.events.GeoPoint;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.platform.problem.ProblemDetailsAdvice;
import io.jiebang.platform.problem.ProblemMessages;
import io.jiebang.platform.security.JwtActors;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import io.jiebang.console.readmodel.OrgView;
import io.jiebang.events.Districts;
import reactor.core.publisher.Mono;

/**
 * Open311 GeoReport v2 (docs/open311.md) for street systems and the public: the taxonomy as services, published
 * topics as service requests, and posting a request (a street's problem, posted and published in one command).
 * Each resource in JSON or XML by its extension; errors as the specification's list of code and description
 * (Open311Errors). Reading is open to anyone, as the specification means it; posting takes a street's
 * {@code api_key} (or a street staff member's token).
 */
@RestController
@RequestMapping("/open311/v2")
public class Open311Controller {

    private final BoardQueries board;
    private final ServiceRequests serviceRequests;
    private final Open311Keys keys;
    private final ObjectProvider<TokenIssuer> tokens;
    private final String jurisdiction;
    private final ProblemMessages messages;

    public Open311Controller(BoardQueries board, ServiceRequests serviceRequests, Open311Keys keys,
                             ObjectProvider<TokenIssuer> tokens, @Value("${jiebang.open311.jurisdiction-id}") String jurisdiction,
                             ProblemMessages messages) {
        this.messages = messages;
        this.board = board;
        this.serviceRequests = serviceRequests;
        this.keys = keys;
        this.tokens = tokens;
        this.jurisdiction = jurisdiction;
    }

    @GetMapping("/services.{format}")
    public Mono<ResponseEntity<String>> services(@PathVariable String format,
                                                 @RequestParam(required = false) String jurisdiction_id) {
        return jurisdiction(format, jurisdiction_id).then(board.categories().map(c -> fields(
                        "service_code", c.code(), "service_name", c.name(), "description", c.nameEn(), "metadata", false,
                        "type", "realtime", "keywords", c.classCode(), "group", c.className())).collectList())
                .map(services -> Open311Formats.list(format, HttpStatus.OK, Names.SERVICES, services));
    }

    @GetMapping("/services/{code}.{format}")
    public Mono<ResponseEntity<String>> service(@PathVariable String code, @PathVariable String format,
                                                @RequestParam(required = false) String jurisdiction_id) {
        return jurisdiction(format, jurisdiction_id).then(board.categories().filter(c -> c.code().equals(code)).next())
                .switchIfEmpty(Mono.error(() -> Rejection.notFound("service-not-found", "no service {0}", code)))
                .map(c -> Open311Formats.single(format, Names.DEFINITION, fields("service_code", c.code(), "attributes", List.of())));
    }

    /**
     * Service requests: by {@code service_request_id} (comma-separated; it overrides every other argument), or by
     * {@code service_code}, {@code status} (comma-separated), {@code start_date} and {@code end_date} (at most 90
     * days apart; the last 90 days when absent), with {@code page} and {@code page_size} (at most 1000), newest first.
     */
    @GetMapping("/requests.{format}")
    public Mono<ResponseEntity<String>> requests(@PathVariable String format,
                                                 @RequestParam(required = false) String jurisdiction_id,
                                                 @RequestParam(required = false) String service_request_id,
                                                 @RequestParam(required = false) String service_code,
                                                 @RequestParam(required = false) String start_date,
                                                 @RequestParam(required = false) String end_date,
                                                 @RequestParam(required = false) String status,
                                                 @RequestParam(required = false) Integer page,
                                                 @RequestParam(required = false) Integer page_size) {
        return jurisdiction(format, jurisdiction_id).flatMap(district -> Mono.zip(names(), service_request_id != null
                        ? serviceRequests.byIds(list(service_request_id), district).collectList()
                        : Mono.defer(() -> serviceRequests.search(new ServiceRequests.Search(list(service_code), list(status),
                                time("start_date", start_date), time("end_date", end_date), page, page_size), district))
                        .map(result -> result.items())))
                .map(t -> Open311Formats.list(format, HttpStatus.OK, Names.REQUESTS,
                        t.getT2().stream().map(topic -> request(topic, t.getT1())).toList()));
    }

    @GetMapping("/requests/{id}.{format}")
    public Mono<ResponseEntity<String>> request(@PathVariable String id, @PathVariable String format,
                                                @RequestParam(required = false) String jurisdiction_id) {
        // A draft is no service request yet, even to its poster.
        return jurisdiction(format, jurisdiction_id).flatMap(district -> Mono.zip(names(),
                        serviceRequests.byIds(List.of(id), district).next()
                        .switchIfEmpty(Mono.error(() -> Rejection.notFound("topic-not-found", "no topic {0}", id)))))
                .map(t -> Open311Formats.list(format, HttpStatus.OK, Names.REQUESTS, List.of(request(t.getT2(), t.getT1()))));
    }

    /**
     * Posts a street's problem: {@code service_code}, {@code description}, where ({@code address_string}, or
     * {@code lat} and {@code long}, or both), and optionally {@code attribute[batch_id]}, {@code attribute[title]}; as
     * the street of {@code api_key}, or of the bearer token when there is no key. Posted and published at once; the
     * same request again is the same one.
     */
    @PostMapping("/requests.{format}")
    public Mono<ResponseEntity<String>> create(@PathVariable String format, ServerWebExchange exchange) {
        String language = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE);
        return exchange.getFormData().flatMap(form -> jurisdiction(format, form.getFirst("jurisdiction_id"))
                .flatMap(asked -> poster(form.getFirst("api_key"), exchange, language)
                        .flatMap(poster -> form.getFirst("jurisdiction_id") == null || asked.equals(poster.district())
                                ? Mono.just(poster) : Mono.error(Rejection.forbidden("other-district",
                                "{0} belongs to another district than yours", asked))))
                .flatMap(poster -> serviceRequests.create(poster.caller(), poster.orgId(), poster.district(),
                        new ServiceRequests.NewServiceRequest(
                        required(form, "service_code"), required(form, "description"), blankToNull(form.getFirst("address_string")),
                        point(form.getFirst("lat"), form.getFirst("long")), form.getFirst("attribute[batch_id]"),
                        form.getFirst("attribute[title]")))))
                .map(id -> Open311Formats.list(format, HttpStatus.OK, Names.REQUESTS, List.of(fields(
                        "service_request_id", id, "service_notice", "published for claiming", "account_id", null))));
    }

    /**
     * A refusal as GeoReport v2 says errors: a list of {@code code} (the HTTP status) and {@code description} (in the
     * asker's language), in the resource's format, with the machine-readable code as {@code X-Jiebang-Problem}.
     * Handled here, before the problem+json of every other API.
     */
    @ExceptionHandler(Rejection.class)
    public ResponseEntity<String> refused(Rejection rejection, ServerWebExchange exchange) {
        HttpStatus status = ProblemDetailsAdvice.status(rejection.kind());
        return error(exchange, status, rejection.code(), messages.of(rejection, ProblemMessages.localeOf(exchange)));
    }

    /** A parameter of the wrong type, e.g. {@code page=two}. */
    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<String> unreadable(ServerWebInputException e, ServerWebExchange exchange) {
        String parameter = e.getMethodParameter() == null ? "?" : e.getMethodParameter().getParameterName();
        return error(exchange, HttpStatus.BAD_REQUEST, "open311-parameter-invalid",
                messages.of("open311-parameter-invalid", "{0} is not valid", ProblemMessages.localeOf(exchange), parameter));
    }

    private static ResponseEntity<String> error(ServerWebExchange exchange, HttpStatus status, String code, String description) {
        String format = exchange.getRequest().getPath().value().endsWith(".xml") ? "xml" : "json";
        ResponseEntity<String> answer = Open311Formats.list(format, status, Names.ERRORS,
                List.of(fields("code", status.value(), "description", description)));
        return ResponseEntity.status(status).headers(answer.getHeaders()).header("X-Jiebang-Problem", code).body(answer.getBody());
    }

    private record Poster(Caller caller, String orgId, String district) {
    }

    /** Whom a post is for: the street of the key, acting through a token the console signs for its system. */
    private Mono<Poster> poster(String apiKey, ServerWebExchange exchange, String language) {
        if (apiKey != null) {
            TokenIssuer issuer = tokens.getIfAvailable();
            return (issuer == null ? Mono.<OrgView>empty() : keys.street(apiKey))
                    .switchIfEmpty(Mono.error(() -> Rejection.forbidden("api-key-invalid", "this api_key is not valid")))
                    .map(street -> new Poster(new Caller("Bearer " + issuer.issue(new Accounts.Account("open311:" + street.id(),
                            "", street.id(), List.of("STAFF"), "Open311 " + street.id(), false, street.district())).accessToken(),
                            language), street.id(), street.district()));
        }
        // Without a key, a staff member's token (reading needs none, so none is asked for before here).
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return exchange.getPrincipal().filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> JwtActors.toActor(((JwtAuthenticationToken) principal).getToken()))
                .map(actor -> new Poster(new Caller(authorization, language), actor.orgId(), actor.district()))
                .switchIfEmpty(Mono.error(() -> Rejection.unauthenticated("api-key-missing", "send the api_key of your street")));
    }

    /**
     * The district a request is about: the jurisdictions are the districts (docs/tenancy.md); none given, or the id
     * this endpoint had when it served one district ({@code JIEBANG_JURISDICTION_ID}), is the first district.
     */
    private Mono<String> jurisdiction(String format, String jurisdictionId) {
        if (!Open311Formats.known(format)) {
            return Mono.error(Rejection.notFound("format-not-supported", "the formats are json and xml, not {0}", format));
        }
        if (jurisdictionId == null || jurisdictionId.equals(jurisdiction)) {
            return Mono.just(Districts.FIRST);
        }
        return board.districts().any(district -> district.id().equals(jurisdictionId))
                .flatMap(known -> known ? Mono.just(jurisdictionId) : Mono.error(Rejection.notFound("jurisdiction-not-found",
                        "there is no jurisdiction {0}: the jurisdictions are the districts", jurisdictionId)));
    }

    private Mono<Map<String, String>> names() {
        return board.categories().collectMap(CategoryView::code, CategoryView::name);
    }

    private static Map<String, Object> request(TopicView topic, Map<String, String> categoryNames) {
        Instant requested = topic.publishedAt() != null ? topic.publishedAt() : topic.postedAt();
        return fields("service_request_id", topic.id(), "status", ServiceRequests.openOrClosed(topic),
                "status_notes", topic.status().name(), "service_name", categoryNames.get(topic.category()),
                "service_code", topic.category(), "description", topic.description() == null ? topic.title() : topic.description(),
                "agency_responsible", topic.leadOrgId(), "service_notice", topic.title(),
                "requested_datetime", text(requested), "updated_datetime", text(topic.updatedAt()),
                "expected_datetime", text(topic.dueDate()), "address", topic.location(), "address_id", null,
                "zipcode", null, "lat", topic.point() == null ? null : topic.point().latitude(),
                "long", topic.point() == null ? null : topic.point().longitude(), "media_url", null);
    }

    /** An ordered map of name, value, name, value… (values may be null, which Map.of does not take). */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** lat and long, both or neither, as decimal degrees; their ranges are topic-service's to check. */
    private static GeoPoint point(String lat, String lon) {
        if (lat == null && lon == null) {
            return null;
        }
        if (lat == null || lon == null) {
            throw Rejection.invalid(lat == null ? "lat" : "long", "coordinates-incomplete",
                    "a point on the map has both latitude and longitude");
        }
        try {
            return new GeoPoint(Double.parseDouble(lat), Double.parseDouble(lon));
        } catch (NumberFormatException e) {
            throw Rejection.invalid("lat", "coordinates-not-numbers", "lat and long are decimal degrees, like 30.5928 and 114.3055");
        }
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
