package io.jiebang.platform.problem;

import io.jiebang.platform.domain.Rejection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error answers {@code application/problem+json} (RFC 9457) with a type, a title, the status, a
 * detail that names the problem and, for bad input, the offending fields under {@code errors}. The type is the
 * stable, machine-readable code; the detail and field messages are in the asker's language ({@link ProblemMessages}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    public static final String TYPE_BASE = "https://jiebang.io/problems/";

    private final ProblemMessages messages;

    public ProblemDetailsAdvice(ProblemMessages messages) {
        this.messages = messages;
    }

    /** The HTTP status of a refusal of this kind, whatever shape its answer takes (problem+json, Open311's errors). */
    public static HttpStatus status(Rejection.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
        };
    }

    @ExceptionHandler(Rejection.class)
    public ResponseEntity<ProblemDetail> rejected(Rejection rejection, ServerWebExchange exchange) {
        HttpStatus status = status(rejection.kind());
        String detail = messages.of(rejection, ProblemMessages.localeOf(exchange));
        ProblemDetail problem = problem(status, rejection.code(), detail);
        rejection.field().ifPresent(field -> problem.setProperty("errors", List.of(Map.of("field", field, "message", detail))));
        return rejection.retryAfter()
                .map(wait -> ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000))).body(problem))
                .orElseGet(() -> respond(problem));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Map<String, String>> errors = new ArrayList<>();
        Locale locale = ProblemMessages.localeOf(exchange);
        ex.getFieldErrors().forEach(e -> errors.add(Map.of("field", e.getField(), "message", constraint(e, locale))));
        ex.getGlobalErrors().forEach(e -> errors.add(Map.of("field", e.getObjectName(),
                "message", String.valueOf(e.getDefaultMessage()))));
        String detail = errors.stream().map(e -> e.get("field") + ": " + e.get("message")).sorted()
                .reduce((a, b) -> a + "; " + b)
                .orElseGet(() -> messages.of("invalid-request", "invalid request", ProblemMessages.localeOf(exchange)));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", detail);
        problem.setProperty("errors", errors);
        return answer(problem);
    }

    /**
     * A field's broken constraint in the asker's language. The validator words its messages in the server's
     * locale, not the request's, so the constraints the services use are worded here (English like the validator's
     * own); their arguments follow the field's name in the order of the constraint's attribute names.
     */
    private String constraint(FieldError error, Locale locale) {
        Object[] args = error.getArguments() == null ? new Object[0] : error.getArguments();
        return switch (String.valueOf(error.getCode())) {
            case "NotBlank" -> messages.of("constraint-not-blank", "must not be blank", locale);
            case "NotNull" -> messages.of("constraint-not-null", "must not be null", locale);
            case "Size" -> messages.of("constraint-size", "size must be between {1} and {0}", locale, args[1], args[2]);
            case "Min" -> messages.of("constraint-min", "must be greater than or equal to {0}", locale, args[1]);
            case "Max" -> messages.of("constraint-max", "must be less than or equal to {0}", locale, args[1]);
            default -> String.valueOf(error.getDefaultMessage());
        };
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleMissingRequestValueException(MissingRequestValueException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return handleServerWebInputException(ex, headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        Locale locale = ProblemMessages.localeOf(exchange);
        if (findCause(ex, DataBufferLimitException.class) != null) {
            return answer(problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    messages.of("body-too-large", "the request body is larger than allowed", locale)));
        }
        ParameterProblem parameter = parameterProblem(ex, locale);
        if (parameter != null) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", parameter.detail());
            problem.setProperty("errors", List.of(Map.of("field", parameter.name(), "message", parameter.detail())));
            return answer(problem);
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", describe(ex, locale));
        JacksonException json = findCause(ex, JacksonException.class);
        if (json != null && !json.getPath().isEmpty()) {
            problem.setProperty("errors", List.of(Map.of("field", fieldPath(json), "message", problem.getDetail())));
        }
        return answer(problem);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem && problem.getType().toString().equals("about:blank")) {
            problem.setType(URI.create(TYPE_BASE + slug(status)));
        }
        return super.handleExceptionInternal(ex, body, headers, status, exchange)
                .map(response -> ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody()));
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static Mono<ResponseEntity<Object>> answer(ProblemDetail problem) {
        return Mono.just(ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
    }

    /** A query or path parameter that is missing or not of its type, and the detail naming it. */
    private record ParameterProblem(String name, String detail) {
    }

    /** The parameter the failure is about, named in the asker's language; null when it is about the body. */
    private ParameterProblem parameterProblem(ServerWebInputException ex, Locale locale) {
        if (ex instanceof MissingRequestValueException missing) {
            return new ParameterProblem(missing.getName(),
                    messages.of("parameter-required", "parameter ''{0}'' is required", locale, missing.getName()));
        }
        TypeMismatchException mismatch = findCause(ex, TypeMismatchException.class);
        MethodParameter parameter = ex.getMethodParameter();
        if (mismatch == null || parameter == null) {
            return null;
        }
        String name = nameOf(parameter);
        return new ParameterProblem(name, messages.of("parameter-unreadable",
                "''{1}'' is not a valid value of parameter ''{0}''", locale, name, String.valueOf(mismatch.getValue())));
    }

    private static String nameOf(MethodParameter parameter) {
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        if (query != null && !query.name().isEmpty()) {
            return query.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        return parameter.getParameterName();
    }

    private String describe(ServerWebInputException ex, Locale locale) {
        UnrecognizedPropertyException unknown = findCause(ex, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return messages.of("unknown-field", "unknown field ''{0}''", locale, unknown.getPropertyName());
        }
        JacksonException json = findCause(ex, JacksonException.class);
        if (json != null) {
            // What the parser says stays as it is: it is technical, and only in English.
            String why = firstLine(json.getOriginalMessage());
            return json.getPath().isEmpty()
                    ? messages.of("unreadable-body", "the body cannot be read: {0}", locale, why)
                    : messages.of("unreadable-field", "field ''{0}'' cannot be read: {1}", locale, fieldPath(json), why);
        }
        return ex.getReason() == null ? messages.of("unreadable-request", "the request cannot be read", locale) : ex.getReason();
    }

    private static String fieldPath(JacksonException json) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : json.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String slug(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? String.valueOf(status.value()) : known.name().toLowerCase().replace('_', '-');
    }

    private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
