package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.ServiceSpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read rules of docs/security.md, each shown with a reader who must be refused, on every surface: topic page,
 * timeline, board list and search, exports, Open311, the live stream and the dispatch report.
 */
class ReadRulesEndToEndIT {

    static final String POSTER = "street-01";
    static final List<String> OUTSIDERS = List.of("street-02", "dept-01", "leader", "analyst");
    static final List<String> INSIDERS = List.of(POSTER, "coordinator");

    static final JsonMapper JSON = JsonMapper.builder().build();

    static Api api;
    static Board board;
    static String batchId;

    @BeforeAll
    static void setUp() {
        api = RunningStack.api();
        board = new Board(api);
        batchId = api.createOpenBatch("读取规则 read rules");
    }

    @Test
    void aDraftIsSeenOnlyByItsPosterAndTheCoordinatorOnEverySurface() {
        List<String> readers = Stream.concat(OUTSIDERS.stream(), INSIDERS.stream()).toList();
        Map<String, LiveStream> streams = readers.stream().collect(java.util.stream.Collectors.toMap(r -> r, r -> LiveStream.open(api, r)));
        String word = "草稿" + UUID.randomUUID().toString().substring(0, 8);
        String draft = api.post("/api/topics", POSTER, topic("未发布的" + word, "FIRST_COME")).expect(201).id();
        api.awaitStatus(draft, POSTER, "DRAFT");

        for (String outsider : OUTSIDERS) {
            assertThat(api.get("/api/topics/" + draft, outsider).status()).as(outsider + " topic page").isEqualTo(404);
            assertThat(api.get("/api/topics/" + draft + "/timeline", outsider).status()).as(outsider + " timeline").isEqualTo(404);
            assertThat(ids(api.get("/api/topics?q=" + encode(word), outsider).expect(200).body())).as(outsider + " search").isEmpty();
            assertThat(ids(api.get("/api/topics?batch=" + batchId + "&status=DRAFT", outsider).expect(200).body()))
                    .as(outsider + " list of drafts").doesNotContain(draft);
            assertThat(csv(outsider, "/api/topics/export?batch=" + batchId)).as(outsider + " export").doesNotContain(word);
            assertThat(api.get("/open311/v2/requests/" + draft + ".json", outsider).status()).as(outsider + " Open311").isEqualTo(404);
            assertThat(api.get("/open311/v2/requests.json", outsider).expect(200).body().toString()).doesNotContain(draft);
        }
        assertThat(api.get("/api/topics/" + draft, null).status()).as("anonymous").isEqualTo(401);
        for (String insider : INSIDERS) {
            assertThat(api.get("/api/topics/" + draft, insider).status()).as(insider + " topic page").isEqualTo(200);
            assertThat(api.get("/api/topics/" + draft + "/timeline", insider).status()).as(insider + " timeline").isEqualTo(200);
            assertThat(ids(api.get("/api/topics?q=" + encode(word), insider).expect(200).body())).as(insider + " search")
                    .containsExactly(draft);
            assertThat(csv(insider, "/api/topics/export?batch=" + batchId)).as(insider + " export").contains(word);
            assertThat(api.get("/open311/v2/requests/" + draft + ".json", insider).status())
                    .as(insider + ": a draft is no service request yet").isEqualTo(404);
        }

        // A published topic after the draft: every stream is told of it, so a stream that was to hear of the draft has.
        String published = board.postAndPublish(POSTER, batchId, "已发布的" + word, "FIRST_COME", 0, 30);
        for (String reader : readers) {
            streams.get(reader).awaitTopic(published);
        }
        for (String outsider : OUTSIDERS) {
            assertThat(streams.get(outsider).topics()).as(outsider + " live stream").contains(published).doesNotContain(draft);
        }
        for (String insider : INSIDERS) {
            assertThat(streams.get(insider).topics()).as(insider + " live stream").contains(draft, published);
        }
        streams.values().forEach(LiveStream::close);
        assertThat(ids(api.get("/api/topics?q=" + encode(word), "street-02").expect(200).body())).containsExactly(published);
    }

    @Test
    void rivalPlansAreSealedUntilTheAward() {
        String topicId = board.postAndPublish(POSTER, batchId, "方案评选 sealed bids", "POSTER_SELECTS", 0, 30);
        String first = board.claim(topicId, "dept-01");
        String second = board.claim(topicId, "dept-02");
        api.awaitTopic(topicId, POSTER, t -> t.get("claims").size() == 2);

        assertThat(plans(topicId, POSTER)).containsOnlyKeys(first, second);
        assertThat(plans(topicId, "coordinator")).containsOnlyKeys(first, second);
        assertThat(plans(topicId, "dept-01")).as("a bidder sees its own plan only").containsOnlyKeys(first);
        assertThat(plans(topicId, "dept-02")).containsOnlyKeys(second);
        assertThat(plans(topicId, "street-02")).isEmpty();
        assertThat(plans(topicId, "analyst")).isEmpty();
        assertThat(plans(topicId, "leader")).isEmpty();
        assertThat(timelinePlans(topicId, "dept-02")).containsExactly("dept-02 的方案");
        assertThat(timelinePlans(topicId, "analyst")).isEmpty();

        board.award(topicId, POSTER, second, "dept-02");
        assertThat(plans(topicId, "street-02")).as("after the award").containsOnlyKeys(first, second);
        assertThat(timelinePlans(topicId, "analyst")).containsExactlyInAnyOrder("dept-01 的方案", "dept-02 的方案");
    }

    @Test
    void theDispatchReportIsTheCoordinatorsAndCheckedByItsOwner() throws Exception {
        String report = "/api/batches/" + batchId + "/dispatch-report";
        for (String reader : List.of(POSTER, "dept-01", "leader", "analyst")) {
            Api.Response refused = api.send("GET", report, api.token(reader), null);
            assertThat(refused.status()).as(reader).isEqualTo(403);
            assertThat(refused.type()).endsWith("/coordinator-only-report");
            assertThat(api.download(report, reader, "text/csv", "en").statusCode()).as(reader + " CSV").isEqualTo(403);
            HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(RunningStack.url(ServiceSpec.DISPATCH) + report)).header("Authorization", "Bearer " + api.token(reader))
                    .header("Accept-Language", "zh-CN").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(direct.statusCode()).as(reader + " asking dispatch-service itself").isEqualTo(403);
            assertThat(direct.body()).contains("只有协调员可以查看调度报告");
        }
        assertThat(api.get(report, "coordinator").status()).isEqualTo(200);
    }

    private static Map<String, Object> topic(String title, String claimMode) {
        return Map.of("batchId", batchId, "title", title, "description", "读取规则的测试", "category", "SW-08",
                "expectedOutcome", "年内见效", "dueDate", api.now().plusDays(30).toString(), "priority", "HIGH",
                "claimMode", claimMode, "maxCoClaimants", 0);
    }

    /** The plans a reader sees in the topic's claims, by claim id. */
    private static Map<String, String> plans(String topicId, String reader) {
        Map<String, String> plans = new java.util.TreeMap<>();
        api.get("/api/topics/" + topicId, reader).expect(200).body().get("claims").forEach(claim -> {
            if (claim.hasNonNull("plan")) {
                plans.put(claim.get("claimId").asString(), claim.get("plan").asString());
            }
        });
        return plans;
    }

    private static List<String> timelinePlans(String topicId, String reader) {
        List<String> plans = new java.util.ArrayList<>();
        api.get("/api/topics/" + topicId + "/timeline", reader).expect(200).body().forEach(entry -> {
            if ("ClaimSubmitted".equals(entry.get("type").asString()) && entry.get("data").hasNonNull("plan")) {
                plans.add(entry.get("data").get("plan").asString());
            }
        });
        return plans;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new java.util.ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static String csv(String reader, String path) {
        HttpResponse<byte[]> response = api.download(path, reader, "text/csv", "zh-CN");
        assertThat(response.statusCode()).as(reader + " " + path).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
