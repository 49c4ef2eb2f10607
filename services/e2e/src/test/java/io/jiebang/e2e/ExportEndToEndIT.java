package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The downloads of the console: the filtered topic list and the dispatch report, as CSV and as Excel by Accept. */
class ExportEndToEndIT {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static Api api;
    private static String batchId;
    private static String topicId;

    @BeforeAll
    static void aBatchWithAnAwardedTopic() {
        api = RunningStack.api();
        batchId = api.createOpenBatch("导出批次");
        topicId = api.post("/api/topics", "street-05", Map.of("batchId", batchId, "title", "=路灯, \"夜间\"照明",
                "description", "背街小巷路灯不亮", "category", "SW-08", "expectedOutcome", "一个月内修复",
                "dueDate", api.now().plusDays(30).toString(), "priority", "URGENT", "claimMode", "FIRST_COME",
                "maxCoClaimants", 1)).expect(201).id();
        api.post("/api/topics/" + topicId + "/publish", "street-05", null).expect(202);
        api.awaitStatus(topicId, "dept-07", "OPEN");
        api.postEventually("/api/topics/" + topicId + "/claims", "dept-07", Map.of("coClaimantOrgIds", List.of(),
                "plan", "城管牵头", "committedDate", api.now().plusDays(20).toString())).expect(201);
        api.awaitStatus(topicId, "coordinator", "AWARDED");
    }

    @Test
    void theTopicListComesAsCsvWithTheBoardsFilters() {
        HttpResponse<byte[]> csv = api.download("/api/topics/export?batch=" + batchId + "&status=AWARDED", "coordinator",
                "text/csv", "zh-CN");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                disposition -> assertThat(disposition).contains("attachment").contains("topics.csv"));
        List<String> lines = new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("\uFEFF编号,批次,标题,状态");
        assertThat(lines.get(1)).startsWith(topicId + "," + batchId + ",\"'=路灯, \"\"夜间\"\"照明\",AWARDED")
                .contains("区财政局");
    }

    @Test
    void theTopicListComesAsAWorkbookInEnglish() throws IOException {
        HttpResponse<byte[]> xlsx = api.download("/api/topics/export?batch=" + batchId, "coordinator", XLSX, "en");

        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var sheet = workbook.getSheet("Topics");
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Title");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(topicId);
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("=路灯, \"夜间\"照明");
        }
    }

    @Test
    void theDispatchReportComesAsCsvOrAWorkbookAndStillAsJson() throws IOException {
        api.awaitTopic(topicId, "coordinator", topic -> topic.get("leadOrgId") != null);
        HttpResponse<byte[]> csv = api.download("/api/batches/" + batchId + "/dispatch-report", "coordinator", "text/csv", "en");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains("Progress by organisation", "Leaderboard");

        HttpResponse<byte[]> xlsx = api.download("/api/batches/" + batchId + "/dispatch-report", "coordinator", XLSX, "zh-CN");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2), workbook.getSheetName(3)))
                    .containsExactly("各单位办理进度", "逾期榜单", "督办榜单", "排行榜");
        }

        assertThat(api.get("/api/batches/" + batchId + "/dispatch-report", "coordinator").expect(200).body().get("dispatch")).isNotNull();
    }
}
