package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.ProjectHome;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * unknown ids, and values the services' own rules refuse. Each variant breaks one field of a base body that is
 * itself accepted (the suite posts it first), so each answer must be a 4xx application/problem+json that names
 * exactly the broken field, in Chinese and in English; afterwards no service has stored anything, no Kafka topic
 * has a new record, and the board shows no new batch or topic.
 */
class BadInputEndToEndIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PROBLEMS = "https://jiebang.io/problems/";
    static final List<String> LANGUAGES = List.of("zh-CN", "en");
    static final String VALID_CATEGORY = "SW-08";
    static Api api;
    static Stores stores;
    static KafkaOffsets kafka;
    static JsonNode spec;
    /** The OPEN batch the base topic body is posted to. */
    static String openBatchId;

    /** What a refusal says, in Chinese and in English: the whole message, or how it begins. */
    record Words(String zh, String en, boolean whole) {

        static Words exactly(String zh, String en) {
            return new Words(zh, en, true);
        }

        static Words startingWith(String zh, String en) {
            return new Words(zh, en, false);
        }

        boolean matches(String language, String text) {
            String expected = language.startsWith("zh") ? zh : en;
            return text != null && (whole ? text.equals(expected) : text.startsWith(expected));
        }

        String in(String language) {
            return (language.startsWith("zh") ? zh : en) + (whole ? "" : "…");
        }
    }

    /**
     * One bad request. {@code type}: the problem's code (null: not checked). {@code fields}: exactly the fields its
     * {@code errors} name (empty: it names none; null: not checked). {@code words}: its detail and the message of each
     * error, per language (null: not checked).
     */
    record Case(String name, String method, String path, String user, Object body, List<Integer> statuses, String type,
                Set<String> fields, Words words) {
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
        if (stores != null) {
            stores.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyBadCommandIsRefusedWithAProblemAndLeavesNoTrace() {
        // Log in first: logins are not commands, but must not run between the two snapshots.
        List.of("coordinator", "dept-01", "street-01").forEach(api::token);
        openBatchId = api.createOpenBatch("坏输入基准批次");

        // The base bodies are themselves accepted, so that each variant is refused for what was broken in it.
        // (The other commands' base bodies reach their unknown ids: see the "unknown id" cases, answered 404.)
        awaitQuiet();
        int batchesBefore = batchCount();
        long topicsBefore = topicCount();
        String plannedBatchId = acceptedBase("/api/batches", "coordinator");
        String draftId = acceptedBase("/api/topics", "dept-01");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/batches/" + plannedBatchId, "coordinator").status() == 200);
        api.awaitStatus(draftId, "dept-01", "DRAFT");
        // The counts that show nothing is stored below do see what is (the topic list may lag a moment behind).
        int batchesWithBase = batchesBefore + 1;
        long topicsWithBase = topicsBefore + 1;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> batchCount() == batchesWithBase && topicCount() == topicsWithBase);

        List<Case> cases = cases(plannedBatchId);
        awaitQuiet();
        var storedBefore = stores.counts();
        var offsetsBefore = kafka.endOffsets();
        batchesBefore = batchCount();
        topicsBefore = topicCount();

        List<String> violations = new ArrayList<>();
        for (Case c : cases) {
            for (String language : LANGUAGES) {
                String violation = check(c, language);
                if (violation != null) {
                    violations.add(c.name() + " [" + language + "]: " + violation);
                }
            }
        }
        System.out.printf("[bad input] %d bad requests to %d commands, in %d languages, %d violations%n", cases.size(),
                cases.stream().map(Case::path).distinct().count(), LANGUAGES.size(), violations.size());
        assertThat(violations).isEmpty();
        assertThat(cases.size()).as("bad requests tried").isGreaterThan(150);

        awaitQuiet();
        assertThat(stores.counts()).as("nothing stored").isEqualTo(storedBefore);
        assertThat(kafka.endOffsets()).as("no event emitted").isEqualTo(offsetsBefore);
        assertThat(batchCount()).as("batches on the board").isEqualTo(batchesBefore);
        assertThat(topicCount()).as("topics on the board").isEqualTo(topicsBefore);
    }

    /** What is wrong with the answer to the case in the language, or null if nothing. */
    private static String check(Case c, String language) {
        Api.Response response;
        try {
            response = api.send(c.method(), c.path(), api.token(c.user()), c.body(), null, language);
        } catch (RuntimeException noAnswer) {
            return "no answer: " + noAnswer;
        }
        String contentType = response.raw().headers().firstValue("Content-Type").orElse("");
        JsonNode problem = response.body();
        if (!c.statuses().contains(response.status())) {
            return "expected " + c.statuses() + " but got " + response.status() + " " + response.raw().body() + " for " + c.body();
        }
        if (!contentType.startsWith("application/problem+json")) {
            return "answered " + contentType;
        }
        if (problem == null || problem.get("detail") == null || problem.get("detail").asString().isBlank()
                || problem.get("type") == null) {
            return "the problem does not say what is wrong: " + response.raw().body();
        }
        if (c.type() != null && !(PROBLEMS + c.type()).equals(problem.get("type").asString())) {
            return "expected the problem " + c.type() + " but got " + response.raw().body();
        }
        JsonNode errors = problem.get("errors");
        if (c.fields() != null) {
            Set<String> named = new LinkedHashSet<>();
            if (errors != null) {
                errors.forEach(error -> named.add(error.get("field") == null ? null : error.get("field").asString()));
            }
            if (!named.equals(c.fields())) {
                return "expected the fields " + c.fields() + " but the problem names " + named + ": " + response.raw().body();
            }
        }
        if (c.words() != null) {
            if (!c.words().matches(language, problem.get("detail").asString())) {
                return "expected the detail " + c.words().in(language) + " but got " + response.raw().body();
            }
            if (errors != null) {
                for (JsonNode error : errors) {
                    String message = error.get("message") == null ? null : error.get("message").asString();
                    if (!c.words().matches(language, message)) {
                        return "expected the message " + c.words().in(language) + " but got " + response.raw().body();
                    }
                }
            }
        }
        return null;
    }

    /** Posts the base body of a command unchanged, expects it stored (201), and returns what it created. */
    private static String acceptedBase(String path, String user) {
        ObjectNode base = base(path, bodySchema(spec.get("paths").get(path).get("post")));
        Api.Response answer = api.post(path, user, base.toString());
        assertThat(answer.status()).as("the base body of %s is itself accepted: %s -> %s", path, base, answer.raw().body())
                .isEqualTo(201);
        return answer.id();
    }

    private static int batchCount() {
        return api.get("/api/batches", "coordinator").expect(200).body().size();
    }

    /** Every topic on the board, drafts included (the coordinator sees them all). */
    private static long topicCount() {
        return api.get("/api/topics?size=1", "coordinator").expect(200).body().get("total").asLong();
    }

    /**
     * Ranges a service's domain checks itself, each refusal with its own code (a batch's evaluation settings and stage
     * limits, a topic's point on the map).
     */
    private static final Map<String, String> RANGES_RULED_BY_THE_DOMAIN = Map.of(
            "evaluationQuorum", "evaluation-quorum-out-of-range",
            "evaluationMinimumWindowHours", "evaluation-minimum-window-out-of-range",
            "evaluationLinksPerRound", "evaluation-links-out-of-range",
            "awardLimitDays", "stage-limit-out-of-range",
            "verdictLimitDays", "stage-limit-out-of-range",
            "evaluationLinksLimitDays", "stage-limit-out-of-range",
            "assignmentLimitDays", "stage-limit-out-of-range",
            "newRoundClaimDays", "stage-limit-out-of-range",
            "latitude", "coordinates-out-of-range",
            "longitude", "coordinates-out-of-range");

    /** Bad variants of every command, built from its schema, and the services' own rules for batches and topics. */
    private List<Case> cases(String plannedBatchId) {
        List<Case> cases = new ArrayList<>();
        spec.get("paths").properties().forEach(entry -> {
            JsonNode post = entry.getValue().get("post");
            // Signing out takes no input (and would sign out the token the suite acts with).
            if (post == null || !takesJson(post) || entry.getKey().equals("/api/auth/logout")) {
                return;
            }
            String path = unknownIds(entry.getKey());
            String user = path.startsWith("/api/batches") || path.endsWith("/assign") || path.startsWith("/api/organisations")
                    || path.startsWith("/api/staff") ? "coordinator" : "dept-01";
            JsonNode schema = bodySchema(post);
            if (schema == null && !entry.getKey().contains("{")) {
                // Takes no input at all (e.g. marking every notification read): nothing to get wrong.
                return;
            }
            if (schema == null) {
                cases.add(new Case("unknown id " + path, "POST", path, user, null, List.of(404), null, Set.of(), null));
                return;
            }
            ObjectNode valid = base(entry.getKey(), schema);
            Words unreadableBody = Words.startingWith("请求内容无法读取：", "the body cannot be read: ");
            cases.add(bad("malformed JSON " + path, path, user, "{\"", "malformed-request", null, unreadableBody));
            cases.add(bad("an array " + path, path, user, "[]", "malformed-request", null, unreadableBody));
            cases.add(bad("extra field " + path, path, user, with(valid, "unexpected", JSON.getNodeFactory().numberNode(1)),
                    "malformed-request", "unexpected", Words.exactly("未知字段“unexpected”", "unknown field 'unexpected'")));
            if (schema.get("required") != null) {
                for (JsonNode required : schema.get("required")) {
                    String name = required.asString();
                    ObjectNode missing = valid.deepCopy();
                    missing.remove(name);
                    cases.add(bad("missing " + name + " " + path, path, user, missing.toString(), "invalid-request", name, null));
                }
            }
            schema.get("properties").properties().forEach(property -> {
                String name = property.getKey();
                JsonNode type = property.getValue();
                String label = name + " " + path;
                Words unreadable = Words.startingWith("字段“" + name + "”无法读取：", "field '" + name + "' cannot be read: ");
                cases.add(bad("operator in " + label, path, user, with(valid, name, JSON.readTree("{\"$gt\": \"\"}")),
                        "malformed-request", name, unreadable));
                cases.add(bad("wrong type " + label, path, user, with(valid, name, wrongType(type)),
                        "malformed-request", name, unreadable));
                if (type.has("maxLength")) {
                    cases.add(bad("over-long " + label, path, user,
                            with(valid, name, JSON.getNodeFactory().stringNode("长".repeat(type.get("maxLength").asInt() + 1))),
                            "invalid-request", name, null));
                }
                if (type.has("maximum")) {
                    cases.add(bad("too big " + label, path, user,
                            with(valid, name, JSON.getNodeFactory().numberNode(type.get("maximum").asLong() + 1)),
                            RANGES_RULED_BY_THE_DOMAIN.getOrDefault(name, "invalid-request"), name, null));
                }
                if (type.has("minimum")) {
                    cases.add(bad("too small " + label, path, user,
                            with(valid, name, JSON.getNodeFactory().numberNode(type.get("minimum").asLong() - 1)),
                            RANGES_RULED_BY_THE_DOMAIN.getOrDefault(name, "invalid-request"), name, null));
                }
                if ("date-time".equals(text(type, "format"))) {
                    cases.add(bad("impossible date " + label, path, user,
                            with(valid, name, JSON.getNodeFactory().stringNode("2026-02-30T25:61:00+08:00")),
                            "malformed-request", name, unreadable));
                }
                if (type.has("enum")) {
                    cases.add(bad("unknown value " + label, path, user,
                            with(valid, name, JSON.getNodeFactory().stringNode("NOT_A_VALUE")),
                            "malformed-request", name, unreadable));
                }
            });
            // Not for logging in or activating (no id to be unknown; a failed attempt would count in the login throttle),
            // nor for what creates: an unknown id it refers to is a bad field there (400).
            if (!Set.of("/api/auth/login", "/api/auth/activate", "/api/batches", "/api/topics", "/api/organisations",
                    "/api/staff").contains(path)) {
                // Answered 404, not 400: the base body itself passed every check of the command's fields.
                cases.add(new Case("unknown id " + path, "POST", path, user, valid.toString(), List.of(404), null, Set.of(), null));
            }
        });
        cases.addAll(ruleCases(plannedBatchId));
        // Open311's bad input answers GeoReport's error list, not problem+json: Open311EndToEndIT.
        cases.add(new Case("too large a body", "POST", "/api/topics", "dept-01",
                "{\"title\":\"" + "x".repeat(100_000) + "\"}", List.of(413), "body-too-large", Set.of(),
                Words.exactly("请求内容超过允许的大小", "the request body is larger than allowed")));
        cases.add(new Case("unknown topic", "GET", "/api/topics/t-unknown", "dept-01", null, List.of(404), "topic-not-found",
                Set.of(), Words.exactly("没有榜单 t-unknown", "no topic t-unknown")));
        cases.add(new Case("unknown batch", "GET", "/api/batches/b-unknown", "dept-01", null, List.of(404), "batch-not-found",
                Set.of(), Words.exactly("没有批次 b-unknown", "no batch b-unknown")));
        cases.add(new Case("operator as a filter", "GET", "/api/topics?status=%7B%22%24gt%22%3A%22%22%7D", "dept-01", null,
                List.of(400), "malformed-request", Set.of("status"), Words.exactly("“{\"$gt\":\"\"}”不是参数“status”的有效值",
                        "'{\"$gt\":\"\"}' is not a valid value of parameter 'status'")));
        cases.add(new Case("page size out of range", "GET", "/api/topics?size=100000", "dept-01", null, List.of(400),
                "page-size-out-of-range", Set.of("size"), Words.exactly("每页显示 1 到 200 个榜单", "a page has 1 to 200 topics")));
        cases.add(new Case("escalation level out of range", "GET", "/api/escalations?level=9", "dept-01", null, List.of(400),
                "unknown-escalation-level", Set.of("level"), Words.exactly("级别为 1（提醒）、2（督办）和 3（提级督办）",
                        "levels are 1 (reminder), 2 (coordinator) and 3 (leadership)")));
        return cases;
    }

    /**
     * Values every field of which is well-formed, but which the topic service's rules refuse (Batch#create,
     * Topic#post): each breaks one rule of an otherwise accepted base body.
     */
    private static List<Case> ruleCases(String plannedBatchId) {
        List<Case> cases = new ArrayList<>();
        OffsetDateTime now = api.now();
        ObjectNode batch = base("/api/batches", bodySchema(spec.get("paths").get("/api/batches").get("post")));
        ObjectNode topic = base("/api/topics", bodySchema(spec.get("paths").get("/api/topics").get("post")));
        String opensAt = batch.get("opensAt").asString();
        String claimDeadline = batch.get("claimDeadline").asString();

        cases.add(bad("blank name /api/batches", "/api/batches", "coordinator", with(batch, "name", text("   ")),
                "invalid-request", "name", null));
        cases.add(bad("claim deadline at the opening /api/batches", "/api/batches", "coordinator",
                with(batch, "claimDeadline", text(opensAt)), "claim-deadline-before-opening", "claimDeadline",
                Words.exactly("认领截止时间必须晚于开始认领时间", "the claim deadline must come after opensAt")));
        cases.add(bad("due date before the claim deadline /api/batches", "/api/batches", "coordinator",
                with(batch, "dueDate", text(OffsetDateTime.parse(claimDeadline).minusDays(1).toString())),
                "due-date-before-claim-deadline", "dueDate",
                Words.exactly("完成时限不能早于认领截止时间", "the due date cannot come before the claim deadline")));
        ObjectNode past = batch.deepCopy();
        past.put("opensAt", now.minusDays(10).toString());
        cases.add(bad("claim deadline past /api/batches", "/api/batches", "coordinator",
                with(past, "claimDeadline", text(now.minusDays(1).toString())), "claim-deadline-past", "claimDeadline",
                Words.exactly("认领截止时间必须晚于当前时间", "the claim deadline must be in the future")));

        cases.add(bad("blank title /api/topics", "/api/topics", "dept-01", with(topic, "title", text(" ")),
                "invalid-request", "title", null));
        cases.add(bad("unknown batch /api/topics", "/api/topics", "dept-01", with(topic, "batchId", text("b-unknown")),
                "unknown-batch", "batchId", Words.exactly("没有批次 b-unknown", "there is no batch b-unknown")));
        cases.add(bad("unknown category /api/topics", "/api/topics", "dept-01", with(topic, "category", text("XX-99")),
                "unknown-category", "category", Words.exactly("没有类别 XX-99", "there is no category XX-99")));
        cases.add(bad("due date past /api/topics", "/api/topics", "dept-01",
                with(topic, "dueDate", text(now.minusDays(1).toString())), "due-date-past", "dueDate",
                Words.exactly("完成时限必须晚于当前时间", "the due date must be in the future")));
        if (plannedBatchId != null) {
            cases.add(new Case("batch not open /api/topics", "POST", "/api/topics", "dept-01",
                    with(topic, "batchId", text(plannedBatchId)), List.of(409), "batch-not-open", Set.of(),
                    Words.exactly("只有批次处于认领中时才能起草和发布榜单；批次 " + plannedBatchId + " 当前为“筹备中”",
                            "topics are posted and published only while their batch is OPEN; batch " + plannedBatchId
                                    + " is PLANNED")));
        }
        return cases;
    }

    private static Case bad(String name, String path, String user, String body, String type, String field, Words words) {
        return new Case(name, "POST", path, user, body, List.of(400), type, field == null ? Set.of() : Set.of(field), words);
    }

    private static String unknownIds(String path) {
        // A recipient's own settings: its deliveries are the unknown ids there (another's settings are refused, 403).
        return path.replace("/api/notification-settings/{id}", "/api/notification-settings/dept-01")
                .replace("{id}", "t-unknown").replace("{claimId}", "c-unknown").replace("{appealId}", "ap-unknown")
                .replace("{deliveryId}", "d-unknown").replace("{period}", "1").replace("{username}", "u-unknown")
                .replace("{token}", "not-a-token").replace("/api/batches/t-unknown", "/api/batches/b-unknown");
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

    /**
     * The base body of a command: every field acceptable on its own and, for the commands that create something
     * (a batch, a topic), together too: the batch's dates in order and ahead, the topic in an OPEN batch and a
     * category of the taxonomy. The suite posts these two unchanged and expects them stored.
     */
    private static ObjectNode base(String path, JsonNode schema) {
        ObjectNode body = validBody(schema);
        OffsetDateTime now = api.now();
        if (path.equals("/api/batches")) {
            body.put("opensAt", now.plusDays(1).toString());
            body.put("claimDeadline", now.plusDays(14).toString());
            body.put("dueDate", now.plusDays(60).toString());
            body.put("reportingPeriodDays", 7);
        } else if (path.equals("/api/topics")) {
            body.put("batchId", openBatchId);
            body.put("category", VALID_CATEGORY);
        }
        return body;
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
            } else if ("number".equals(text(type, "type"))) {
                body.put(name, 30.5);
            } else if ("boolean".equals(text(type, "type"))) {
                body.put(name, false);
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

    private static JsonNode text(String value) {
        return JSON.getNodeFactory().stringNode(value);
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
