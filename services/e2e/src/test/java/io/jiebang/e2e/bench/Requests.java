package io.jiebang.e2e.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/** Builds the requests of the public API as a client sends them: JSON, with the user's bearer token. */
final class Requests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final Function<String, String> tokens;
    private final Duration timeout;

    /** @param tokens a bearer token for a demo user's name ("dept-01") */
    Requests(String base, Function<String, String> tokens, Duration timeout) {
        this.base = base;
        this.tokens = tokens;
        this.timeout = timeout;
    }

    /** The same requests, sent to another address (a service directly instead of the gateway). */
    Requests at(String otherBase) {
        return new Requests(otherBase, tokens, timeout);
    }

    /** @param user who sends it, or null for a public command (an evaluation vote) */
    HttpRequest post(String user, String path, Object body) {
        HttpRequest.Builder request = builder(user, path);
        return request.header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }

    HttpRequest get(String user, String path) {
        return builder(user, path).GET().build();
    }

    private HttpRequest.Builder builder(String user, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (user != null) {
            request.header("Authorization", "Bearer " + tokens.apply(user));
        }
        return request;
    }

    /** The token for a stream URL: EventSource-style clients pass it in the query. */
    String token(String user) {
        return tokens.apply(user);
    }

    String base() {
        return base;
    }
}
