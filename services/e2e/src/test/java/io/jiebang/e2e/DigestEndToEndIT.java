package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The periodic digest (定期调度通报, docs/rules.md) across the running services with the clock moved: when a reporting
 * period of a batch ends, dispatch-service closes it with progress, overdue and escalated topics, resolution-service
 * records the leaderboard, the console keeps both as the period's document (JSON, CSV, Excel; the coordinator's only)
 * and the coordinator hears of it in the inbox and reads it on the console's page.
 */
class DigestEndToEndIT {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Api api;
    static Board board;
    private final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void stack() {
        api = RunningStack.api();
        board = new Board(api);
    }

    @Test
    void eachReportingPeriodEndsInADigestKeptForTheCoordinatorAndToldToIt() throws IOException {
        // A weekly batch that opened a day ago: its first period ends six days from now
        OffsetDateTime opened = api.now().minusDays(1);
        String batchId = api.createOpenBatch("定期通报批次");
        String working = board.postAndPublish("street-09", batchId, "河道清淤", "FIRST_COME", 0, 60);
        board.claimAndAwait(working, "dept-47");
        board.report(working, "dept-47", 40);
        String done = board.postAndPublish("street-10", batchId, "路灯维修", "FIRST_COME", 0, 60);
        board.claimAndAwait(done, "dept-50");
        board.submit(done, "dept-50");
        board.accept(done, "street-10");
        assertThat(api.get("/api/batches/" + batchId + "/digests", "coordinator").expect(200).body()).as("no period ended yet")
                .isEmpty();

        api.advanceClocks(Duration.ofDays(6).plusMinutes(1));
        JsonNode list = awaitDigest(batchId);
        assertThat(list.get(0).get("period").asInt()).isEqualTo(1);
        assertThat(OffsetDateTime.parse(list.get(0).get("periodStart").asString()).toInstant())
                .isBetween(opened.minusMinutes(5).toInstant(), opened.plusMinutes(5).toInstant());

        JsonNode digest = api.get("/api/batches/" + batchId + "/digests/1", "coordinator").expect(200).body();
        JsonNode organisations = digest.get("dispatch").get("organisations");
        JsonNode dept51 = find(organisations, "orgId", "dept-47");
        assertThat(dept51.get("topicsInProgress").asInt()).isEqualTo(1);
        assertThat(dept51.get("averagePercent").asInt()).isEqualTo(40);
        assertThat(find(organisations, "orgId", "dept-50").get("topicsDone").asInt()).isEqualTo(1);
        JsonNode leader = find(digest.get("leaderboard").get("entries"), "orgId", "dept-50");
        assertThat(leader.get("resolvedTopics").asInt()).isEqualTo(1);
        assertThat(leader.get("rank").asInt()).isEqualTo(1);

        // The same document, not a report counted now: work done after the period's end is not in it
        board.report(working, "dept-47", 80);
        assertThat(find(api.get("/api/batches/" + batchId + "/digests/1", "coordinator").expect(200).body()
                .get("dispatch").get("organisations"), "orgId", "dept-47").get("averagePercent").asInt()).isEqualTo(40);

        HttpResponse<byte[]> csv = api.download("/api/batches/" + batchId + "/digests/1", "coordinator", "text/csv", "zh-CN");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains("各单位办理进度", "排行榜", "dept-47");
        HttpResponse<byte[]> xlsx = api.download("/api/batches/" + batchId + "/digests/1", "coordinator", XLSX, "en");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(4)))
                    .containsExactly("Digest", "Progress by organisation", "Leaderboard");
        }

        // The coordinator's only, refused in the asker's language; a period that has not ended has no digest
        HttpResponse<byte[]> refused = api.download("/api/batches/" + batchId + "/digests", "dept-47", "application/json", "zh-CN");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).get("detail").asString()).containsPattern("\\p{IsHan}");
        api.get("/api/batches/" + batchId + "/digests/2", "coordinator").expect(404);

        // The coordinator is told, once, with the link to the document
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> digestsInInbox(batchId).size() == 1);
        assertThat(digestsInInbox(batchId).get(0).get("link").asString()).isEqualTo("#/digests?batch=" + batchId + "&period=1");

        // A week later, the second period: its own document, the first one kept
        api.advanceClocks(Duration.ofDays(7));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode periods = api.get("/api/batches/" + batchId + "/digests", "coordinator").expect(200).body();
            return periods.size() == 2 && periods.get(0).get("period").asInt() == 2 && complete(periods.get(0));
        });
        assertThat(find(api.get("/api/batches/" + batchId + "/digests/2", "coordinator").expect(200).body()
                .get("dispatch").get("organisations"), "orgId", "dept-47").get("averagePercent").asInt()).isEqualTo(80);

        // The coordinator reads it in the console, where the notification links to, in both languages
        Browser.assumeInstalled();
        for (String language : List.of("zh-CN", "en")) {
            Browser browser = new Browser(RunningStack.get().consoleUrl(), 1280, 900);
            browsers.add(browser);
            browser.useLanguage(language);
            browser.signIn("coordinator");
            browser.open("/#/digests?batch=" + batchId + "&period=1");
            browser.waitUntil(page -> page.findElements(By.id("digest-dates")).size() == 1);
            assertThat(browser.find(By.id("digest-table")).getText()).contains(language.equals("en") ? "Period 2" : "第 2 期");
            assertThat(browser.find(By.id("digest")).getText()).as("period 1's progress, not today's").contains("40%")
                    .doesNotContain("80%").contains(language.equals("en") ? "Leaderboard" : "排行榜");
        }
    }

    @AfterEach
    void closeBrowsers(TestInfo test) {
        Browser.closeAll(browsers, test);
    }

    private static JsonNode awaitDigest(String batchId) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = api.get("/api/batches/" + batchId + "/digests", "coordinator").expect(200).body();
            return last[0].size() == 1 && complete(last[0].get(0));
        });
        return last[0];
    }

    private static boolean complete(JsonNode listed) {
        return listed.get("dispatchRecorded").asBoolean() && listed.get("leaderboardRecorded").asBoolean();
    }

    private static List<JsonNode> digestsInInbox(String batchId) {
        JsonNode inbox = api.get("/api/inbox?limit=200", "coordinator").expect(200).body();
        return StreamSupport.stream(inbox.get("notifications").spliterator(), false)
                .filter(n -> "ReportingPeriodClosed".equals(Board.text(n, "eventType")) && n.toString().contains(batchId))
                .toList();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(node -> value.equals(Board.text(node, field)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + field + "=" + value + " in " + array));
    }
}
