package io.jiebang.console.web;

import io.jiebang.console.application.Caller;
import io.jiebang.console.application.DispatchReports;
import io.jiebang.console.application.DispatchReports.DispatchReport;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The dispatch report of a batch as JSON; DispatchReportExportController has it as CSV or Excel. */
@RestController
public class DispatchReportController {

    private final DispatchReports reports;

    public DispatchReportController(DispatchReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/batches/{batchId}/dispatch-report")
    public Mono<DispatchReport> report(@PathVariable String batchId,
                                       @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                       @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return reports.report(batchId, new Caller(authorization, language));
    }
}
