package io.jiebang.e2e;

import io.jiebang.devstack.ServiceSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import tools.jackson.databind.json.JsonMapper;

/** A browser's live stream: the token in the query, as an EventSource sends it; the topic ids it is told of. */
record LiveStream(String reader, List<String> lines, AtomicReference<Stream<String>> body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static LiveStream open(Api api, String reader) {
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<Stream<String>> body = new AtomicReference<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(RunningStack.url(ServiceSpec.CONSOLE) + "/api/stream?access_token="
                + api.token(reader))).header("Accept", "text/event-stream").GET().build();
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            lines.add("status:" + response.statusCode());
            body.set(response.body());
            response.body().forEach(lines::add);
        });
        // Open once its first heartbeat has come.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("status:200") && lines.size() > 1);
        return new LiveStream(reader, lines, body);
    }

    List<String> topics() {
        return lines.stream().filter(line -> line.startsWith("data:"))
                .map(line -> JSON.readTree(line.substring(5))).filter(change -> "topic".equals(change.get("kind").asString()))
                .map(change -> change.get("id").asString()).distinct().toList();
    }

    /** The events of a topic it was told of, in order. */
    List<String> events(String topicId) {
        return lines.stream().filter(line -> line.startsWith("data:")).map(line -> JSON.readTree(line.substring(5)))
                .filter(change -> "topic".equals(change.get("kind").asString()) && topicId.equals(change.get("id").asString()))
                .map(change -> change.get("event").asString()).toList();
    }

    void awaitTopic(String topicId) {
        Awaitility.await(reader + " told of " + topicId).atMost(Duration.ofSeconds(60)).until(() -> topics().contains(topicId));
    }

    void close() {
        body.get().close();
    }
}
