package io.jiebang.console.web;

import io.jiebang.console.application.BoardQueries;
import io.jiebang.console.application.Caller;
import io.jiebang.console.application.DispatchReports;
import io.jiebang.console.web.Spreadsheets.Heading;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The dispatch report of a batch as CSV or Excel (by {@code Accept}): progress by organisation, the overdue
 * and the escalated topics, and the leaderboard. The JSON form is DispatchReportController's.
 */
@RestController
public class DispatchReportExportController {

    private static final List<Heading> ORGANISATION_HEADINGS = List.of(new Heading("单位编号", "Organisation id"),
            new Heading("单位", "Organisation"), new Heading("办理中", "In progress"), new Heading("待确认", "Awaiting verdict"),
            new Heading("已办结", "Done"), new Heading("平均进度（%）", "Average progress (%)"), new Heading("进度报告", "Reports"),
            new Heading("逾期", "Overdue"), new Heading("督办", "Escalated"));
    private static final List<Heading> TOPIC_HEADINGS = List.of(new Heading("榜单编号", "Topic id"), new Heading("标题", "Title"),
            new Heading("牵头单位", "Lead"), new Heading("完成时限", "Due date"), new Heading("最新进度（%）", "Latest progress (%)"),
            new Heading("最近动态", "Last activity"), new Heading("督办级别", "Escalation level"));
    private static final List<Heading> LEADERBOARD_HEADINGS = List.of(new Heading("名次", "Rank"), new Heading("单位", "Organisation"),
            new Heading("得分", "Score"), new Heading("解决分", "Resolved points"), new Heading("按期分", "On-time points"),
            new Heading("满意分", "Satisfaction points"), new Heading("牵头", "Led"), new Heading("协同", "Co-claimed"),
            new Heading("已解决", "Resolved"), new Heading("按期", "On time"), new Heading("申诉改判", "Changed on appeal"));

    private final DispatchReports reports;
    private final BoardQueries board;

    public DispatchReportExportController(DispatchReports reports, BoardQueries board) {
        this.reports = reports;
        this.board = board;
    }

    @GetMapping(path = "/api/batches/{batchId}/dispatch-report", produces = {"text/csv", Spreadsheets.XLSX_VALUE})
    public Mono<ResponseEntity<byte[]>> export(@PathVariable String batchId, @RequestHeader HttpHeaders headers) {
        Locale language = Spreadsheets.language(headers);
        Caller caller = new Caller(headers.getFirst(HttpHeaders.AUTHORIZATION), headers.getFirst(HttpHeaders.ACCEPT_LANGUAGE));
        return Mono.zip(reports.report(batchId, caller), ExportNames.load(board, language))
                .map(parts -> {
                    ExportNames names = parts.getT2();
                    JsonNode dispatch = parts.getT1().dispatch();
                    List<Spreadsheets.Table> tables = List.of(
                            new Spreadsheets.Table(new Heading("各单位办理进度", "Progress by organisation"), ORGANISATION_HEADINGS,
                                    rows(dispatch.path("organisations"), org -> Arrays.asList(text(org, "orgId"),
                                            names.org(text(org, "orgId")), number(org, "topicsInProgress"),
                                            number(org, "topicsAwaitingVerdict"), number(org, "topicsDone"),
                                            number(org, "averagePercent"), number(org, "reports"), number(org, "overdue"),
                                            number(org, "escalated")))),
                            topics(new Heading("逾期榜单", "Overdue topics"), dispatch.path("overdue"), names),
                            topics(new Heading("督办榜单", "Escalated topics"), dispatch.path("escalated"), names),
                            new Spreadsheets.Table(new Heading("排行榜", "Leaderboard"), LEADERBOARD_HEADINGS,
                                    rows(parts.getT1().leaderboard().path("entries"), entry -> Arrays.asList(number(entry, "rank"),
                                            names.org(text(entry, "orgId")), number(entry, "score"),
                                            number(entry, "resolvedPoints"), number(entry, "onTimePoints"),
                                            number(entry, "satisfactionPoints"), number(entry, "topicsLed"),
                                            number(entry, "topicsCoClaimed"), number(entry, "resolvedTopics"),
                                            number(entry, "onTimeTopics"), number(entry, "overturnedAppeals")))));
                    return Spreadsheets.download(headers, "dispatch-report-" + batchId, tables);
                });
    }

    private static Spreadsheets.Table topics(Heading title, JsonNode lines, ExportNames names) {
        return new Spreadsheets.Table(title, TOPIC_HEADINGS, rows(lines, line -> Arrays.asList(text(line, "topicId"),
                text(line, "title"), names.org(text(line, "leadOrgId")), text(line, "dueDate"),
                number(line, "latestPercent"), text(line, "lastActivity"), number(line, "escalationLevel"))));
    }

    private static List<List<Object>> rows(JsonNode array, Function<JsonNode, List<Object>> row) {
        List<List<Object>> rows = new ArrayList<>();
        array.forEach(node -> rows.add(row.apply(node)));
        return rows;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static Object number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.numberValue();
    }
}
