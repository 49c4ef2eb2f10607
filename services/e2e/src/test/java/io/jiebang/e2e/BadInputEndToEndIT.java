package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.ProjectHome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every command of the public API (from its OpenAPI description) is sent bad input: malformed JSON, wrong
 * types, missing and extra fields, over-long strings, numbers and dates out of range, MongoDB operators,
 * unknown ids. Each answer must be a 4xx application/problem+json that names the problem, and afterwards
 * no service has stored anything and no Kafka topic has a new record.
 */
class BadInputEndToEndIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static Api api;
    static Stores stores;
    static KafkaOffsets kafka;
    static JsonNode spec;

    record Case(String name, String method, String path, String user, Object body, List<Integer> statuses) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        api = RunningStack.api();
        stores = new Stores(RunningStack.get());
        kafka = new KafkaOffsets(RunningStack.get().kafkaBootstrap());
        spec = new YAMLMapper().readTree(ProjectHome.find().resolve("services/console/src/main/resources/api/openapi.yaml").toFile());
    }

    @AfterAll
    static void tearDown() {
        stores.close();
        kafka.close();
    }

    @Test
    void everyBadCommandIsRefusedWithAProblemAndLeavesNoTrace() {
        List<Case> cases = cases();
        // Log in first: logins are not commands, but must not run between the two snapshots.
        List.of("coordinator", "dept-01", "street-01").forEach(api::token);
        awaitQuiet();
        var storedBefore = stores.counts();
        var offsetsBefore = kafka.endOffsets();

        List<String> violations = new ArrayList<>();
        for (Case c : cases) {
            Api.Response response;
            try {
                response = api.send(c.method(), c.path(), api.token(c.user()), c.body());
            } catch (RuntimeException noAnswer) {
                violations.add(c.name() + ": no answer: " + noAnswer);
                continue;
            }
            String contentType = response.raw().headers().firstValue("Content-Type").orElse("");
            if (!c.statuses().contains(response.status())) {
                violations.add(c.name() + ": expected " + c.statuses() + " but got " + response.status() + " " + response.raw().body()
                        + " for " + c.body());
            } else if (!contentType.startsWith("application/problem+json")) {
                violations.add(c.name() + ": answered " + contentType);
            } else if (response.body() == null || response.body().get("detail") == null
                    || response.body().get("detail").asString().isBlank() || response.body().get("type") == null) {
                violations.add(c.name() + ": the problem does not say what is wrong: " + response.raw().body());
            }
        }
        System.out.printf("[bad input] %d bad requests to %d commands, %d violations%n", cases.size(),
                cases.stream().map(Case::path).distinct().count(), violations.size());
        assertThat(violations).isEmpty();
        assertThat(cases.size()).as("bad requests tried").isGreaterThan(150);

        awaitQuiet();
        assertThat(stores.counts()).as("nothing stored").isEqualTo(storedBefore);
        assertThat(kafka.endOffsets()).as("no event emitted").isEqualTo(offsetsBefore);
    }

    /** Bad variants of every command, built from its schema. */
    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        spec.get("paths").properties().forEach(entry -> {
            JsonNode post = entry.getValue().get("post");
            if (post == null || !takesJson(post)) {
                return;
            }
            String path = unknownIds(entry.getKey());
            String user = path.startsWith("/api/batches") || path.endsWith("/assign") ? "coordinator" : "dept-01";
            JsonNode schema = bodySchema(post);
            if (schema == null) {
                cases.add(new Case("unknown id " + path, "POST", path, user, null, List.of(404)));
                return;
            }
            ObjectNode valid = validBody(schema);
            List<Integer> bad = List.of(400);
            cases.add(new Case("malformed JSON " + path, "POST", path, user, "{\"", bad));
            cases.add(new Case("an array " + path, "POST", path, user, "[]", bad));
            cases.add(new Case("extra field " + path, "POST", path, user, with(valid, "unexpected", JSON.getNodeFactory().numberNode(1)), bad));
            if (schema.get("required") != null) {
                for (JsonNode required : schema.get("required")) {
                    ObjectNode missing = valid.deepCopy();
                    missing.remove(required.asString());
                    cases.add(new Case("missing " + required.asString() + " " + path, "POST", path, user, missing.toString(), bad));
                }
            }
            schema.get("properties").properties().forEach(property -> {
                String name = property.getKey();
                JsonNode type = property.getValue();
                String label = name + " " + path;
                cases.add(new Case("operator in " + label, "POST", path, user,
                        with(valid, name, JSON.readTree("{\"$gt\": \"\"}")), bad));
                cases.add(new Case("wrong type " + label, "POST", path, user, with(valid, name, wrongType(type)), bad));
                if (type.has("maxLength")) {
                    cases.add(new Case("over-long " + label, "POST", path, user,
                            with(valid, name, JSON.getNodeFactory().stringNode("长".repeat(type.get("maxLength").asInt() + 1))), bad));
                }
                if (type.has("maximum")) {
                    cases.add(new Case("too big " + label, "POST", path, user,
                            with(valid, name, JSON.getNodeFactory().numberNode(type.get("maximum").asLong() + 1)), bad));
                }
                if (type.has("minimum")) {
                    cases.add(new Case("too small " + label, "POST", path, user,
                            with(valid, name, JSON.getNodeFactory().numberNode(type.get("minimum").asLong() - 1)), bad));
                }
                if ("date-time".equals(text(type, "format"))) {
                    cases.add(new Case("impossible date " + label, "POST", path, user,
                            with(valid, name, JSON.getNodeFactory().stringNode("2026-02-30T25:61:00+08:00")), bad));
                }
                if (type.has("enum")) {
                    cases.add(new Case("unknown value " + label, "POST", path, user,
                            with(valid, name, JSON.getNodeFactory().stringNode("NOT_A_VALUE")), bad));
                }
            });
            if (!path.equals("/api/auth/login") && !path.equals("/api/batches") && !path.equals("/api/topics")) {
                cases.add(new Case("unknown id " + path, "POST", path, user, valid.toString(), List.of(404)));
            }
        });
        cases.add(new Case("Open311 request without a service", "POST", "/open311/v2/requests.json", "street-01",
                new Api.Form(Map.of("description", "楼道堆物")), List.of(400)));
        cases.add(new Case("Open311 request for an unknown service", "POST", "/open311/v2/requests.json", "street-01",
                new Api.Form(Map.of("service_code", "{\"$gt\":\"\"}", "description", "楼道堆物")), List.of(400)));
        cases.add(new Case("Open311 status out of range", "GET", "/open311/v2/requests.json?status=maybe", "street-01", null, List.of(400)));
        cases.add(new Case("too large a body", "POST", "/api/topics", "dept-01",
                "{\"title\":\"" + "x".repeat(100_000) + "\"}", List.of(413)));
        cases.add(new Case("unknown topic", "GET", "/api/topics/t-unknown", "dept-01", null, List.of(404)));
        cases.add(new Case("unknown batch", "GET", "/api/batches/b-unknown", "dept-01", null, List.of(404)));
        cases.add(new Case("operator as a filter", "GET", "/api/topics?status=%7B%22%24gt%22%3A%22%22%7D", "dept-01", null, List.of(400)));
        cases.add(new Case("page size out of range", "GET", "/api/topics?size=100000", "dept-01", null, List.of(400)));
        cases.add(new Case("escalation level out of range", "GET", "/api/escalations?level=9", "dept-01", null, List.of(400)));
        return cases;
    }

    private static String unknownIds(String path) {
        return path.replace("{id}", "t-unknown").replace("{claimId}", "c-unknown").replace("{token}", "not-a-token")
                .replace("/api/batches/t-unknown", "/api/batches/b-unknown");
    }

    /** Commands without a body, or with a JSON one; Open311's form posts are tried below on their own. */
    private static boolean takesJson(JsonNode operation) {
        JsonNode body = operation.get("requestBody");
        return body == null || body.get("content").has("application/json");
    }

    private static JsonNode bodySchema(JsonNode operation) {
        JsonNode body = operation.get("requestBody");
        if (body == null) {
            return null;
        }
        return resolve(body.get("content").get("application/json").get("schema"));
    }

    private static JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            return spec.get("components").get("schemas").get(name);
        }
        return schema;
    }

    /** A body every field of which is acceptable on its own. */
    private static ObjectNode validBody(JsonNode schema) {
        ObjectNode body = JSON.createObjectNode();
        schema.get("properties").properties().forEach(property -> {
            JsonNode type = resolve(property.getValue());
            String name = property.getKey();
            if (type.has("enum")) {
                body.put(name, type.get("enum").get(0).asString());
            } else if ("date-time".equals(text(type, "format"))) {
                body.put(name, api.now().plusDays(30).toString());
            } else if ("integer".equals(text(type, "type"))) {
                body.put(name, type.has("minimum") ? Math.max(1, type.get("minimum").asInt()) : 1);
            } else if ("array".equals(text(type, "type"))) {
                body.putArray(name);
            } else {
                body.put(name, name.endsWith("Id") ? "x-unknown" : "合理的内容");
            }
        });
        return body;
    }

    private static JsonNode wrongType(JsonNode type) {
        String kind = text(type, "type");
        if ("string".equals(kind)) {
            return JSON.getNodeFactory().numberNode(12345);
        }
        if ("array".equals(kind)) {
            return JSON.getNodeFactory().stringNode("not a list");
        }
        return JSON.getNodeFactory().stringNode("seven");
    }

    private static String with(ObjectNode valid, String field, JsonNode value) {
        ObjectNode body = valid.deepCopy();
        body.set(field, value);
        return body.toString();
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asString() : null;
    }

    /** Waits until nothing is being stored any more (earlier tests' events may still be travelling). */
    private static void awaitQuiet() {
        Map<String, Long>[] last = new Map[] {new LinkedHashMap<>()};
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, Long> now = stores.counts();
            boolean quiet = now.equals(last[0]);
            last[0] = now;
            return quiet;
        });
    }
}
