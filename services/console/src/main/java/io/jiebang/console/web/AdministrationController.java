package io.jiebang.console.web;

import io.jiebang.console.application.AdministrationQueries;
import io.jiebang.console.application.AdministrationQueries.AuditPage;
import io.jiebang.console.application.AdministrationQueries.StaffView;
import io.jiebang.console.application.AuditTrail;
import io.jiebang.console.web.Spreadsheets.Heading;
import io.jiebang.events.Actor;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The coordinator's reads for administration: the staff accounts and the audit trail, on screen and as a download
 * (docs/administration.md). The changes themselves are commands to topic-service, through the gateway.
 */
@RestController
public class AdministrationController {

    /** A download holds at most this many entries; narrow the filters for more. */
    static final int MAX_EXPORT = 10_000;

    private static final List<Heading> HEADINGS = List.of(new Heading("时间", "Time"), new Heading("用户", "User"),
            new Heading("单位", "Organisation"), new Heading("角色", "Role"), new Heading("操作", "Action"),
            new Heading("对象", "Subject"), new Heading("详情", "Detail"), new Heading("编号", "Id"));

    private final AdministrationQueries administration;

    public AdministrationController(AdministrationQueries administration) {
        this.administration = administration;
    }

    @GetMapping("/api/staff")
    public Flux<StaffView> staff(Actor reader) {
        return administration.staff(reader);
    }

    @GetMapping("/api/audit")
    public Mono<AuditPage> audit(@RequestParam(required = false) String user, @RequestParam(required = false) String orgId,
                                 @RequestParam(required = false) String action, @RequestParam(required = false) String subject,
                                 @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                                 @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                                 Actor reader) {
        return administration.audit(reader, new AuditTrail.Query(user, orgId, action, subject, from, to, null), page, size);
    }

    /** CSV, or Excel when the request accepts it (as the topic export) or asks {@code format=xlsx}. */
    @GetMapping("/api/audit/export")
    public Mono<ResponseEntity<byte[]>> export(@RequestParam(required = false) String user,
                                               @RequestParam(required = false) String orgId,
                                               @RequestParam(required = false) String action,
                                               @RequestParam(required = false) String subject,
                                               @RequestParam(required = false) Instant from,
                                               @RequestParam(required = false) Instant to,
                                               @RequestParam(required = false) String format,
                                               @RequestHeader HttpHeaders headers, Actor reader) {
        HttpHeaders asked = new HttpHeaders();
        asked.addAll(headers);
        if ("xlsx".equals(format)) {
            asked.setAccept(List.of(Spreadsheets.XLSX));
        }
        return administration.auditExport(reader, new AuditTrail.Query(user, orgId, action, subject, from, to, null), MAX_EXPORT)
                .map(entry -> Arrays.<Object>asList(entry.at().toString(), entry.user(), entry.orgId(), entry.role(),
                        entry.action(), entry.subject(), entry.detail(), entry.id()))
                .collectList()
                .map(rows -> Spreadsheets.download(asked, "audit",
                        List.of(new Spreadsheets.Table(new Heading("审计记录", "Audit trail"), HEADINGS, rows))));
    }
}
