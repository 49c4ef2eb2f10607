package io.jiebang.console.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Tables as a download: CSV (one table after the other, each under its title) or an Excel workbook (one
 * sheet per table), chosen by the request's {@code Accept}. Headings come in Chinese and English.
 */
public final class Spreadsheets {

    public static final String XLSX_VALUE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final MediaType XLSX = MediaType.parseMediaType(XLSX_VALUE);
    public static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    /** Lets Excel read the CSV as UTF-8, so Chinese is not garbled. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    /** Cells a spreadsheet would take for a formula (CSV injection): written with a leading apostrophe. */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Spreadsheets() {
    }

    /** A heading in both languages. */
    public record Heading(String zh, String en) {

        String in(Locale language) {
            return Locale.ENGLISH.getLanguage().equals(language.getLanguage()) ? en : zh;
        }
    }

    /** One table: a title, its headings and its rows (cells are text, numbers or null). */
    public record Table(Heading title, List<Heading> headings, List<List<Object>> rows) {
    }

    /** English when the request prefers it, Chinese otherwise. */
    public static Locale language(HttpHeaders request) {
        return request.getAcceptLanguageAsLocales().stream().findFirst()
                .filter(locale -> Locale.ENGLISH.getLanguage().equals(locale.getLanguage()))
                .map(locale -> Locale.ENGLISH).orElse(Locale.SIMPLIFIED_CHINESE);
    }

    /** An Excel workbook when the request accepts one, CSV otherwise. */
    public static boolean wantsWorkbook(HttpHeaders request) {
        return request.getAccept().stream().anyMatch(type -> type.isCompatibleWith(XLSX) && !type.isWildcardType());
    }

    public static ResponseEntity<byte[]> download(HttpHeaders request, String baseName, List<Table> tables) {
        Locale language = language(request);
        boolean workbook = wantsWorkbook(request);
        byte[] body = workbook ? xlsx(tables, language) : csv(tables, language);
        return ResponseEntity.ok()
                .contentType(workbook ? XLSX : CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(baseName + (workbook ? ".xlsx" : ".csv")).build().toString())
                .body(body);
    }

    static byte[] csv(List<Table> tables, Locale language) {
        StringBuilder csv = new StringBuilder(BYTE_ORDER_MARK);
        for (Table table : tables) {
            if (tables.size() > 1) {
                if (csv.length() > BYTE_ORDER_MARK.length()) {
                    csv.append("\r\n");
                }
                csv.append(csvCell(table.title().in(language))).append("\r\n");
            }
            csvRow(csv, table.headings().stream().map(heading -> (Object) heading.in(language)).toList());
            table.rows().forEach(row -> csvRow(csv, row));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void csvRow(StringBuilder csv, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(csvCell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    private static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    static byte[] xlsx(List<Table> tables, Locale language) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            for (Table table : tables) {
                Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(table.title().in(language)));
                Row head = sheet.createRow(0);
                for (int c = 0; c < table.headings().size(); c++) {
                    Cell cell = head.createCell(c);
                    cell.setCellValue(table.headings().get(c).in(language));
                    cell.setCellStyle(bold);
                }
                for (int r = 0; r < table.rows().size(); r++) {
                    Row row = sheet.createRow(r + 1);
                    List<Object> cells = table.rows().get(r);
                    for (int c = 0; c < cells.size(); c++) {
                        Object value = cells.get(c);
                        if (value instanceof Number number) {
                            row.createCell(c).setCellValue(number.doubleValue());
                        } else if (value != null) {
                            // Text cells are never formulas, whatever they start with.
                            row.createCell(c).setCellValue(value.toString());
                        }
                    }
                }
                sheet.createFreezePane(0, 1);
                for (int c = 0; c < table.headings().size(); c++) {
                    sheet.setColumnWidth(c, 20 * 256);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
