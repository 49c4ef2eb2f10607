package io.jiebang.console.web;

import io.jiebang.console.web.Spreadsheets.Heading;
import io.jiebang.console.web.Spreadsheets.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The tables of a dispatch report, live (DispatchReportExportController) or of a reporting period's digest
 * (DigestController): progress by organisation, the overdue and the escalated topics from dispatch's part, and the
 * leaderboard from resolution's. A part that is missing (null) gives its tables without rows.
 */
final class DispatchReportTables {

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

    private DispatchReportTables() {
    }

    /** The report's tables: dispatch's three, then the leaderboard. */
    static List<Table> tables(JsonNode dispatch, JsonNode leaderboard, ExportNames names) {
        JsonNode progress = dispatch == null ? null : dispatch.path("organisations");
        return List.of(
                new Table(new Heading("各单位办理进度", "Progress by organisation"), ORGANISATION_HEADINGS,
                        rows(progress, org -> Arrays.asList(text(org, "orgId"),
                                names.org(text(org, "orgId")), number(org, "topicsInProgress"),
                                number(org, "topicsAwaitingVerdict"), number(org, "topicsDone"),
                                number(org, "averagePercent"), number(org, "reports"), number(org, "overdue"),
                                number(org, "escalated")))),
                topics(new Heading("逾期榜单", "Overdue topics"), dispatch == null ? null : dispatch.path("overdue"), names),
                topics(new Heading("督办榜单", "Escalated topics"), dispatch == null ? null : dispatch.path("escalated"), names),
                new Table(new Heading("排行榜", "Leaderboard"), LEADERBOARD_HEADINGS,
                        rows(leaderboard == null ? null : leaderboard.path("entries"), entry -> Arrays.asList(number(entry, "rank"),
                                names.org(text(entry, "orgId")), number(entry, "score"),
                                number(entry, "resolvedPoints"), number(entry, "onTimePoints"),
                                number(entry, "satisfactionPoints"), number(entry, "topicsLed"),
                                number(entry, "topicsCoClaimed"), number(entry, "resolvedTopics"),
                                number(entry, "onTimeTopics"), number(entry, "overturnedAppeals")))));
    }

    private static Table topics(Heading title, JsonNode lines, ExportNames names) {
        return new Table(title, TOPIC_HEADINGS, rows(lines, line -> Arrays.asList(text(line, "topicId"),
                text(line, "title"), names.org(text(line, "leadOrgId")), text(line, "dueDate"),
                number(line, "latestPercent"), text(line, "lastActivity"), number(line, "escalationLevel"))));
    }

    private static List<List<Object>> rows(JsonNode array, Function<JsonNode, List<Object>> row) {
        List<List<Object>> rows = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> rows.add(row.apply(node)));
        }
        return rows;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    static Object number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.numberValue();
    }
}
