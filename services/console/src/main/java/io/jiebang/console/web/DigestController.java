package io.jiebang.console.web;

import io.jiebang.console.application.BoardQueries;
import io.jiebang.console.application.DigestQueries;
import io.jiebang.console.readmodel.DigestView;
import io.jiebang.console.web.Spreadsheets.Heading;
import io.jiebang.console.web.Spreadsheets.Table;
import io.jiebang.events.Actor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The digests of a batch's reporting periods (定期调度通报), from the console's own store: the list, and one digest as
 * JSON, or as CSV or Excel (by {@code Accept}) with the live dispatch report's tables after one about the period.
 * The coordinator's only (DigestQueries).
 */
@RestController
public class DigestController {

    private static final List<Heading> DIGEST_HEADINGS = List.of(new Heading("批次", "Batch"), new Heading("期次", "Period"),
            new Heading("起始时间", "Period start"), new Heading("截止时间", "Period end"),
            new Heading("调度统计时间", "Dispatch counted at"), new Heading("排行统计时间", "Leaderboard counted at"));

    private final DigestQueries digests;
    private final BoardQueries board;
    private final JsonMapper json;

    public DigestController(DigestQueries digests, BoardQueries board, JsonMapper json) {
        this.digests = digests;
        this.board = board;
        this.json = json;
    }

    @GetMapping("/api/batches/{batchId}/digests")
    public Flux<DigestView.Summary> digests(@PathVariable String batchId, Actor reader) {
        return digests.digests(batchId, reader);
    }

    @GetMapping("/api/batches/{batchId}/digests/{period}")
    public Mono<DigestView> digest(@PathVariable String batchId, @PathVariable int period, Actor reader) {
        return digests.digest(batchId, period, reader);
    }

    @GetMapping(path = "/api/batches/{batchId}/digests/{period}", produces = {"text/csv", Spreadsheets.XLSX_VALUE})
    public Mono<ResponseEntity<byte[]>> export(@PathVariable String batchId, @PathVariable int period, Actor reader,
                                               @RequestHeader HttpHeaders headers) {
        return digests.digest(batchId, period, reader).zipWith(ExportNames.load(board, Spreadsheets.language(headers)))
                .map(parts -> {
                    JsonNode digest = json.valueToTree(parts.getT1());
                    JsonNode dispatch = recorded(digest.get("dispatch"));
                    JsonNode leaderboard = recorded(digest.get("leaderboard"));
                    List<Table> tables = new ArrayList<>();
                    tables.add(new Table(new Heading("定期通报", "Digest"), DIGEST_HEADINGS, List.of(Arrays.asList(
                            DispatchReportTables.text(digest, "batchId"), DispatchReportTables.number(digest, "period"),
                            DispatchReportTables.text(digest, "periodStart"), DispatchReportTables.text(digest, "periodEnd"),
                            dispatch == null ? null : DispatchReportTables.text(dispatch, "countedAt"),
                            leaderboard == null ? null : DispatchReportTables.text(leaderboard, "countedAt")))));
                    tables.addAll(DispatchReportTables.tables(dispatch, leaderboard, parts.getT2()));
                    return Spreadsheets.download(headers, "digest-" + batchId + "-" + period, tables);
                });
    }

    /** A part of the digest, or null when it is not yet recorded. */
    private static JsonNode recorded(JsonNode part) {
        return part == null || part.isNull() ? null : part;
    }
}
