package io.jiebang.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.console.web.Spreadsheets.Heading;
import io.jiebang.console.web.Spreadsheets.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class SpreadsheetsTest {

    private static final Table TOPICS = new Table(new Heading("榜单", "Topics"),
            List.of(new Heading("标题", "Title"), new Heading("进度", "Progress")),
            List.of(Arrays.asList("加装电梯, 三个小区", 40), Arrays.asList("=HYPERLINK(\"x\")", null), Arrays.asList("说 \"好\"", 7)));
    private static final Table LEADERBOARD = new Table(new Heading("排行榜", "Leaderboard"),
            List.of(new Heading("名次", "Rank")), List.of(List.of(1)));

    @Test
    void csvQuotesWhatNeedsItAndNeverStartsAFormula() {
        String csv = new String(Spreadsheets.csv(List.of(TOPICS), Locale.SIMPLIFIED_CHINESE), StandardCharsets.UTF_8);

        assertThat(csv).startsWith("\uFEFF标题,进度\r\n")
                .contains("\"加装电梯, 三个小区\",40\r\n")
                .contains("\"'=HYPERLINK(\"\"x\"\")\",\r\n")
                .contains("\"说 \"\"好\"\"\",7\r\n");
    }

    @Test
    void csvOfSeveralTablesPutsEachUnderItsTitle() {
        String csv = new String(Spreadsheets.csv(List.of(TOPICS, LEADERBOARD), Locale.ENGLISH), StandardCharsets.UTF_8);

        assertThat(csv).startsWith("\uFEFFTopics\r\nTitle,Progress\r\n").contains("\r\n\r\nLeaderboard\r\nRank\r\n1\r\n");
    }

    @Test
    void workbookHasOneSheetPerTableWithNumbersAsNumbers() throws IOException {
        byte[] xlsx = Spreadsheets.xlsx(List.of(TOPICS, LEADERBOARD), Locale.ENGLISH);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
            Sheet topics = workbook.getSheet("Topics");
            assertThat(topics.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Title");
            assertThat(topics.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(40.0);
            assertThat(topics.getRow(2).getCell(0).getStringCellValue()).isEqualTo("=HYPERLINK(\"x\")");
            assertThat(topics.getRow(2).getCell(1)).isNull();
            assertThat(workbook.getSheet("Leaderboard").getRow(1).getCell(0).getNumericCellValue()).isEqualTo(1.0);
        }
    }

    @Test
    void theRequestChoosesFormatAndLanguage() {
        HttpHeaders excelInEnglish = new HttpHeaders();
        excelInEnglish.set(HttpHeaders.ACCEPT, Spreadsheets.XLSX_VALUE);
        excelInEnglish.set(HttpHeaders.ACCEPT_LANGUAGE, "en-GB,en;q=0.8");
        HttpHeaders anything = new HttpHeaders();
        anything.set(HttpHeaders.ACCEPT, "*/*");

        assertThat(Spreadsheets.wantsWorkbook(excelInEnglish)).isTrue();
        assertThat(Spreadsheets.language(excelInEnglish)).isEqualTo(Locale.ENGLISH);
        assertThat(Spreadsheets.wantsWorkbook(anything)).isFalse();
        assertThat(Spreadsheets.language(anything)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }
}
