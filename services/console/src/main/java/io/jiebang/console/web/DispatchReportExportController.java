package io.jiebang.console.web;

import io.jiebang.console.application.BoardQueries;
import io.jiebang.console.application.Caller;
import io.jiebang.console.application.DispatchReports;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The dispatch report of a batch as CSV or Excel (by {@code Accept}): progress by organisation, the overdue
 * and the escalated topics, and the leaderboard (DispatchReportTables). The JSON form is DispatchReportController's.
 */
@RestController
public class DispatchReportExportController {

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
                .map(parts -> Spreadsheets.download(headers, "dispatch-report-" + batchId,
                        DispatchReportTables.tables(parts.getT1().dispatch(), parts.getT1().leaderboard(), parts.getT2())));
    }
}
