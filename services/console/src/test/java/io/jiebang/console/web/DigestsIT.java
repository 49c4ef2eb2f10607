package io.jiebang.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiebang.console.application.Accounts;
import io.jiebang.console.application.TokenIssuer;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.dispatch.ReportingPeriodClosed;
import io.jiebang.events.resolution.LeaderboardRecorded;
import io.jiebang.events.resolution.Standing;
import io.jiebang.testsupport.EventFeed;
import io.jiebang.testsupport.LocalInfrastructure;
import io.jiebang.testsupport.ServiceTestSupport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The digests of reporting periods on the real broker and store: the console records both parts from the services'
 * events, in either order and once, and gives them to the coordinator only, as JSON, CSV and Excel.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after its tests, so its consumers stop reading while other tests' contexts of the service run.
@DirtiesContext
class DigestsIT {

    static final String BATCH = "b-" + UUID.randomUUID();
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant END = START.plus(Duration.ofDays(7));
    static final JsonMapper JSON = JsonMapper.builder().build();
    static EventFeed feed;

    @LocalServerPort
    int port;
    @Autowired
    TokenIssuer tokens;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        LocalInfrastructure.register(registry, "console-digests-it");
        registry.add("jiebang.data", Files.createTempDirectory("console-digests-it")::toString);
    }

    @BeforeAll
    static void upstream() {
        feed = new EventFeed(LocalInfrastructure.get().kafkaBootstrap());
    }

    @AfterAll
    static void close() {
        feed.close();
    }

    @Test
    void theCoordinatorReadsEachPeriodsDigestAsRecordedOnce() throws Exception {
        String coordinator = token("coordinator", null, "COORDINATOR");
        // Resolution's part of period 1 before dispatch's; period 2 has only dispatch's yet.
        feed.publish(leaderboard(1, 88.5));
        EventEnvelope closed = feed.publish(closed(1, 2));
        feed.publish(closed(2, 0));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(list(coordinator))
                .extracting(d -> d.get("period").asInt()).containsExactly(2, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> list(coordinator).get(1).get("leaderboardRecorded").asBoolean());

        List<JsonNode> digests = list(coordinator);
        assertThat(digests.get(0).get("dispatchRecorded").asBoolean()).isTrue();
        assertThat(digests.get(0).get("leaderboardRecorded").asBoolean()).isFalse();
        assertThat(digests.get(1).get("batchId").asString()).isEqualTo(BATCH);
        assertThat(Instant.parse(digests.get(1).get("periodStart").asString())).isEqualTo(START);
        assertThat(Instant.parse(digests.get(1).get("periodEnd").asString())).isEqualTo(END);

        JsonNode digest = digest(coordinator, 1);
        assertThat(digest.get("period").asInt()).isEqualTo(1);
        assertThat(Instant.parse(digest.at("/dispatch/countedAt").asString())).isEqualTo(END.plusSeconds(60));
        assertThat(digest.at("/dispatch/organisations/0/orgId").asString()).isEqualTo("dept-01");
        assertThat(digest.at("/dispatch/organisations/0/overdue").asInt()).isEqualTo(2);
        assertThat(digest.at("/dispatch/overdue/0/topicId").asString()).isEqualTo("t1");
        assertThat(digest.at("/dispatch/escalated/0/escalationLevel").asInt()).isEqualTo(3);
        assertThat(Instant.parse(digest.at("/leaderboard/countedAt").asString())).isEqualTo(END.plusSeconds(90));
        assertThat(digest.at("/leaderboard/entries/0/score").asDouble()).isEqualTo(88.5);
        assertThat(digest.at("/leaderboard/entries/1/orgId").asString()).isEqualTo("dept-02");
        assertThat(digest(coordinator, 2).get("leaderboard").isNull()).as("not yet recorded").isTrue();

        // Redelivered, and recorded again with other numbers: the first recording stays. Period 3, sent after them on
        // the same partitions, says when they have been read.
        feed.send(closed);
        feed.publish(closed(1, 9));
        feed.publish(leaderboard(1, 1.5));
        feed.publish(closed(3, 0));
        feed.publish(leaderboard(3, 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode newest = list(coordinator).get(0);
            return newest.get("period").asInt() == 3 && newest.get("dispatchRecorded").asBoolean()
                    && newest.get("leaderboardRecorded").asBoolean();
        });
        assertThat(list(coordinator)).extracting(d -> d.get("period").asInt()).containsExactly(3, 2, 1);
        assertThat(digest(coordinator, 1)).isEqualTo(digest);

        WebTestClient web = ServiceTestSupport.client(port);
        byte[] csv = web.get().uri("/api/batches/{b}/digests/1", BATCH).headers(h -> h.setBearerAuth(coordinator))
                .header(HttpHeaders.ACCEPT, "text/csv").header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .exchange().expectStatus().isOk()
                .expectHeader().valueMatches(HttpHeaders.CONTENT_TYPE, "text/csv.*")
                .expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION, ".*filename=\"digest-" + BATCH + "-1\\.csv\".*")
                .expectBody(byte[].class).returnResult().getResponseBody();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("Digest\r\n", "Batch,Period,Period start,Period end", BATCH + ",1,2026-03-01T00:00:00Z,2026-03-08T00:00:00Z",
                "Progress by organisation", "Overdue topics\r\nTopic id,", "t1,路灯,dept-01", "Escalated topics", "t2,加装电梯,dept-02",
                "Leaderboard\r\nRank,", "1,dept-01,88.5");
        assertThat(text.indexOf("Progress by organisation")).isLessThan(text.indexOf("\r\nLeaderboard\r\n"));

        byte[] xlsx = web.get().uri("/api/batches/{b}/digests/2", BATCH).headers(h -> h.setBearerAuth(coordinator))
                .header(HttpHeaders.ACCEPT, Spreadsheets.XLSX_VALUE).header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")
                .exchange().expectStatus().isOk()
                .expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION, ".*filename=\"digest-" + BATCH + "-2\\.xlsx\".*")
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(5);
            Sheet about = workbook.getSheet("定期通报");
            assertThat(about.getRow(0).getCell(1).getStringCellValue()).isEqualTo("期次");
            assertThat(about.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(2);
            assertThat(about.getRow(1).getCell(5)).as("the leaderboard not yet recorded").isNull();
            assertThat(workbook.getSheet("各单位办理进度").getRow(1).getCell(0).getStringCellValue()).isEqualTo("dept-01");
            assertThat(workbook.getSheet("排行榜").getLastRowNum()).isZero();
        }
    }

    @Test
    void anyoneButTheCoordinatorIsRefusedInTheirLanguageAndAMissingPeriodIsNotFound() {
        WebTestClient web = ServiceTestSupport.client(port);
        String staff = token("dept-01", "dept-01", "STAFF");
        for (String path : List.of("/api/batches/{b}/digests", "/api/batches/{b}/digests/1")) {
            web.get().uri(path, BATCH).headers(h -> h.setBearerAuth(staff)).header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")
                    .exchange().expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith("application/problem+json")
                    .expectBody().jsonPath("$.type").value(String.class, type -> assertThat(type).endsWith("/coordinator-only-report"))
                    .jsonPath("$.detail").isEqualTo("只有协调员可以查看调度报告");
        }
        web.get().uri("/api/batches/{b}/digests/1", BATCH).headers(h -> h.setBearerAuth(token("leader", null, "LEADERSHIP")))
                .header(HttpHeaders.ACCEPT, "text/csv").exchange().expectStatus().isForbidden();
        web.get().uri("/api/batches/{b}/digests", BATCH).exchange().expectStatus().isUnauthorized();

        web.get().uri("/api/batches/{b}/digests/9", BATCH).headers(h -> h.setBearerAuth(token("coordinator", null, "COORDINATOR")))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").value(String.class, type -> assertThat(type).endsWith("/digest-not-found"))
                .jsonPath("$.detail").isEqualTo("批次 " + BATCH + " 没有第 9 期的定期通报");
        web.get().uri("/api/batches/{b}/digests/9", BATCH).headers(h -> h.setBearerAuth(token("coordinator", null, "COORDINATOR")))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("no digest of period 9 of batch " + BATCH);
    }

    private List<JsonNode> list(String token) {
        byte[] body = ServiceTestSupport.client(port).get().uri("/api/batches/{b}/digests", BATCH).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        List<JsonNode> digests = new java.util.ArrayList<>();
        JSON.readTree(body).forEach(digests::add);
        return digests;
    }

    private JsonNode digest(String token, int period) {
        byte[] body = ServiceTestSupport.client(port).get().uri("/api/batches/{b}/digests/{p}", BATCH, period)
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    private String token(String username, String orgId, String role) {
        return tokens.issue(new Accounts.Account(username, "", orgId, List.of(role), username, false)).accessToken();
    }

    static ReportingPeriodClosed closed(int period, int overdue) {
        Instant start = START.plus(Duration.ofDays(7L * (period - 1)));
        Instant end = start.plus(Duration.ofDays(7));
        return new ReportingPeriodClosed(BATCH, period, start, end, end.plusSeconds(60),
                List.of(new ReportingPeriodClosed.OrganisationProgress("dept-01", 2, 1, 0, 40, 3, overdue, 0),
                        new ReportingPeriodClosed.OrganisationProgress("dept-02", 1, 0, 1, null, 0, 0, 1)),
                List.of(new ReportingPeriodClosed.TopicLine("t1", "路灯", "dept-01", start, null, start, 2)),
                List.of(new ReportingPeriodClosed.TopicLine("t2", "加装电梯", "dept-02", start, 50, start, 3)));
    }

    static LeaderboardRecorded leaderboard(int period, double score) {
        Instant end = START.plus(Duration.ofDays(7L * period));
        return new LeaderboardRecorded(BATCH, period, end, end.plusSeconds(90),
                List.of(new Standing(1, "dept-01", score, 40, 30, 18.5, 2, 1, 1, 1, 0, 1),
                        new Standing(2, "dept-02", 10, 5, 5, 0, 1, 0, 0, 0, 1, 0)));
    }
}
