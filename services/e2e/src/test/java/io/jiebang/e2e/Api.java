package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.LocalStack;
import io.jiebang.devstack.ServiceSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public API as a client sees it: JSON over HTTP through the gateway, with bearer tokens. With several console
 * instances, requests take them in turn, and one refused a connection goes to the next, as a load balancer does.
 */
final class Api {

    static final String PASSWORD = "jiebang";
    /** Commands may reach a service before it has heard of what the read model already shows: retry those. */
    private static final Set<String> NOT_YET_KNOWN = Set.of("topic-not-found", "topic-not-awarded");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> consoles;
    private final AtomicInteger turn = new AtomicInteger();
    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            // The gateway speaks HTTP/1.1; the JDK's default HTTP/2 would try an h2c upgrade on every new connection.
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Api(String console, LocalStack stack) {
        this(List.of(console), stack);
    }

    Api(List<String> consoles, LocalStack stack) {
        this.consoles = List.copyOf(consoles);
        this.stack = stack;
    }

    private String base() {
        return consoles.get(Math.floorMod(turn.getAndIncrement(), consoles.size()));
    }

    /** A form post (application/x-www-form-urlencoded), as Open311 clients send. */
    record Form(Map<String, String> fields) {
        String encoded() {
            return fields.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8)
                    + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                    .collect(java.util.stream.Collectors.joining("&"));
        }
    }

    record Response(int status, JsonNode body, HttpResponse<String> raw) {

        String type() {
            return body == null || body.get("type") == null ? "" : body.get("type").asString();
        }

        String id() {
            return body.get("id").asString();
        }

        Response expect(int expected) {
            assertThat(status).as("%s %s -> %s", raw.request().method(), raw.request().uri(), raw.body()).isEqualTo(expected);
            return this;
        }
    }

    String token(String username) {
        return tokens.computeIfAbsent(username, user -> send("POST", "/api/auth/login", null,
                Map.of("username", user, "password", PASSWORD)).expect(200).body().get("accessToken").asString());
    }

    Response post(String path, String user, Object body) {
        return send("POST", path, user == null ? null : token(user), body);
    }

    /** A post asking for answers (problem details) in the given language, as the console does. */
    Response post(String path, String user, Object body, String acceptLanguage) {
        return send("POST", path, user == null ? null : token(user), body, null, acceptLanguage);
    }

    /** A replacement (the notification settings), answered in the given language. */
    Response put(String path, String user, Object body, String acceptLanguage) {
        return send("PUT", path, user == null ? null : token(user), body, null, acceptLanguage);
    }

    Response get(String path, String user) {
        return send("GET", path, user == null ? null : token(user), null);
    }

    /** Retries while the owning service has not yet heard of the topic or its award, then answers. */
    Response postEventually(String path, String user, Object body) {
        return postEventually(path, user, body, null);
    }

    Response postEventually(String path, String user, Object body, String acceptLanguage) {
        Response[] last = new Response[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = post(path, user, body, acceptLanguage);
            return NOT_YET_KNOWN.stream().noneMatch(type -> last[0].type().endsWith("/" + type));
        });
        return last[0];
    }

    /** Polls the read model until the topic satisfies the check, and returns it; on timeout, says what it last saw. */
    JsonNode awaitTopic(String topicId, String user, Predicate<JsonNode> check) {
        return awaitTopic(topicId, user, check, Duration.ofSeconds(60));
    }

    JsonNode awaitTopic(String topicId, String user, Predicate<JsonNode> check, Duration patience) {
        JsonNode[] last = new JsonNode[1];
        try {
            Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(100)).until(() -> {
                Response response = get("/api/topics/" + topicId, user);
                last[0] = response.status() == 200 ? response.body() : null;
                return last[0] != null && check.test(last[0]);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("topic " + topicId + " never got there; last seen: " + last[0], e);
        }
        return last[0];
    }

    JsonNode awaitStatus(String topicId, String user, String status) {
        return awaitTopic(topicId, user, topic -> status.equals(topic.get("status").asString()));
    }

    /** Moves business time forward in every service, and lets each run what fell due. */
    void advanceClocks(Duration by) {
        for (ServiceSpec spec : ServiceSpec.ALL) {
            for (ServiceSpec.Instance instance : stack.instances(spec)) {
                advance(instance, by);
            }
        }
    }

    /** A restarted service's clock starts again from real time: it is moved to where topic-service's stands. */
    void alignClock(ServiceSpec spec) {
        for (ServiceSpec.Instance instance : stack.instances(spec)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url(instance) + "/internal/clock")).GET().build();
            Instant theirs = Instant.parse(JSON.readTree(call(request).body()).get("now").asString());
            Duration behind = Duration.between(theirs, now().toInstant());
            if (!behind.isNegative() && !behind.isZero()) {
                advance(instance, behind);
            }
        }
    }

    private void advance(ServiceSpec.Instance instance, Duration by) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url(instance) + "/internal/clock/advance"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"" + by + "\"}")).build();
        assertThat(call(request).statusCode()).as("clock of " + instance.name()).isEqualTo(200);
    }

    /**
     * An open batch whose evaluations need one vote and no minimum window, so a scenario can end an evaluation at once
     * with the votes it cast; {@code EvaluationRulesEndToEndIT} covers the quorum and the window.
     */
    String createOpenBatch(String name) {
        return createOpenBatch(name, Map.of("evaluationQuorum", 1, "evaluationMinimumWindowHours", 0));
    }

    /** An open batch with these evaluation settings (those left out take their defaults). */
    String createOpenBatch(String name, Map<String, Object> evaluation) {
        OffsetDateTime now = now();
        Map<String, Object> plan = new java.util.HashMap<>(Map.of("name", name, "opensAt", now.minusDays(1).toString(),
                "claimDeadline", now.plusDays(14).toString(), "dueDate", now.plusDays(90).toString(),
                "reportingPeriodDays", 7));
        plan.putAll(evaluation);
        String id = post("/api/batches", "coordinator", plan).expect(201).id();
        post("/api/batches/" + id + "/open", "coordinator", null).expect(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response batch = get("/api/batches/" + id, "coordinator");
            return batch.status() == 200 && "OPEN".equals(batch.body().get("state").asString());
        });
        return id;
    }

    /** Now, as the services see it (their clocks may have been moved). */
    OffsetDateTime now() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url(ServiceSpec.TOPIC) + "/internal/clock")).GET().build();
        JsonNode clock = JSON.readTree(call(request).body());
        return OffsetDateTime.parse(clock.get("now").asString()).withOffsetSameInstant(ZoneOffset.ofHours(8));
    }

    /** A GET asking for the given media type, answered as bytes (for the CSV and Excel downloads). */
    HttpResponse<byte[]> download(String path, String user, String accept, String language) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token(user)).header("Accept", accept)
                .header("Accept-Language", language).GET().build();
        return call(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A file sent as multipart/form-data (field {@code file}, and {@code part} unless null), as the console's forms do. */
    Response upload(String path, String user, String fileName, byte[] content, String part, String acceptLanguage) {
        String boundary = "jiebang-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        if (part != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"part\"\r\n\r\n" + part + "\r\n").getBytes(utf8));
        }
        if (fileName != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(utf8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(utf8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(utf8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + token(user));
        }
        HttpResponse<String> response = call(request.build());
        return new Response(response.statusCode(), response.body().isBlank() ? null : JSON.readTree(response.body()), response);
    }

    /** Sends a command with an Idempotency-Key, logging in again if the token was refused. */
    Response sendWithKey(String method, String path, String user, Object body, String idempotencyKey) {
        Response response = send(method, path, token(user), body, idempotencyKey, null);
        if (response.status() == 401) {
            tokens.remove(user);
        }
        return response;
    }

    Response send(String method, String path, String token, Object body) {
        return send(method, path, token, body, null, null);
    }

    Response send(String method, String path, String token, Object body, String idempotencyKey,
                  String acceptLanguage) {
        return send(method, path, token, body, idempotencyKey, acceptLanguage, null);
    }

    /**
     * @param clientAddress sent as X-Forwarded-For, the client's address as the console takes it behind a proxy: a test
     *                      that fails logins on purpose does so from an address of its own, so the throttle that counts
     *                      failures per address (docs/security.md) never refuses the other tests' logins
     */
    Response send(String method, String path, String token, Object body, String idempotencyKey, String acceptLanguage,
                  String clientAddress) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (clientAddress != null) {
            request.header("X-Forwarded-For", clientAddress);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body instanceof Form form) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form.encoded()));
        } else if (body instanceof String raw) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(raw));
        } else if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = call(request.build());
        // Only JSON is read as JSON: Open311 also answers XML (raw().body()).
        boolean json = response.headers().firstValue("Content-Type").map(type -> type.contains("json")).orElse(true);
        return new Response(response.statusCode(), response.body().isBlank() || !json ? null : JSON.readTree(response.body()),
                response);
    }

    private HttpResponse<String> call(HttpRequest request) {
        return call(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            HttpRequest attempt = request;
            for (int tried = 1; ; tried++) {
                try {
                    return http.send(attempt, body);
                } catch (java.net.http.HttpTimeoutException unanswered) {
                    // Seen about once in five runs of the bad-input suite: a GET unanswered for 30 s on a kept-alive
                    // connection while the console answered others at once. A GET changes nothing, so it is asked
                    // again once (the client closed the connection that timed out), and said out loud; a command is
                    // never sent twice.
                    if (!request.method().equals("GET") || tried > 1) {
                        throw unanswered;
                    }
                    System.out.println("[api] GET " + request.uri() + " unanswered in " + request.timeout().orElse(null)
                            + ": asked again");
                } catch (java.net.ConnectException refused) {
                    // Never delivered: another console instance may take it.
                    String console = consoles.stream().filter(c -> request.uri().toString().startsWith(c)).findFirst().orElse(null);
                    if (console == null || tried >= consoles.size()) {
                        throw refused;
                    }
                    String next = consoles.get((consoles.indexOf(console) + tried) % consoles.size());
                    attempt = HttpRequest.newBuilder(request, (name, value) -> true)
                            .uri(URI.create(next + request.uri().toString().substring(console.length()))).build();
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
