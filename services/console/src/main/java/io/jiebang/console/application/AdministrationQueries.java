package io.jiebang.console.application;

import io.jiebang.events.Actor;
import io.jiebang.platform.domain.Rejection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the coordinator's administration and audit pages read (docs/administration.md); the coordinator's alone, of
 * their own district.
 */
@Service
public class AdministrationQueries {

    public static final int MAX_PAGE = 200;

    private final ObjectProvider<Accounts> accounts;
    private final AuditTrail audit;

    public AdministrationQueries(ObjectProvider<Accounts> accounts, AuditTrail audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    /** @param managed whether staff events keep it, so the coordinator can change it */
    public record StaffView(String username, String displayName, String role, String orgId, String status, boolean managed) {
    }

    public record AuditPage(List<AuditTrail.Entry> entries, int page, int size, boolean hasMore) {
    }

    /** The local accounts of the coordinator's district; none when accounts live at an OIDC issuer. */
    public Flux<StaffView> staff(Actor reader) {
        Accounts local = accounts.getIfAvailable();
        Mono<Void> allowed = isCoordinator(reader) ? Mono.empty()
                : Mono.error(Rejection.forbidden("coordinator-only-staff", "only the coordinator lists the staff accounts"));
        return allowed.thenMany(local == null ? Flux.empty() : local.all())
                .filter(account -> !account.isCity() && account.district().equals(reader.district()))
                .map(a -> new StaffView(a.username(), a.displayName(), a.roles().isEmpty() ? null : a.roles().get(0), a.orgId(),
                        a.status(), a.managed()));
    }

    public Mono<AuditPage> audit(Actor reader, AuditTrail.Query query, int page, int size) {
        if (page < 0) {
            return Mono.error(Rejection.invalid("page", "audit-page-negative", "page counts from 0"));
        }
        if (size < 1 || size > MAX_PAGE) {
            return Mono.error(Rejection.invalid("size", "audit-size-out-of-range", "size is 1 to {0}", MAX_PAGE));
        }
        return requireAuditReader(reader)
                .then(audit.search(query.inDistrict(reader.district()), (long) page * size, size + 1).collectList())
                .map(found -> new AuditPage(found.subList(0, Math.min(size, found.size())), page, size, found.size() > size));
    }

    /** The newest entries up to {@code limit}, for a download. */
    public Flux<AuditTrail.Entry> auditExport(Actor reader, AuditTrail.Query query, int limit) {
        return requireAuditReader(reader).thenMany(audit.search(query.inDistrict(reader.district()), 0, limit));
    }

    private static Mono<Void> requireAuditReader(Actor reader) {
        return isCoordinator(reader) ? Mono.empty()
                : Mono.error(Rejection.forbidden("coordinator-only-audit", "only the coordinator reads the audit trail"));
    }

    private static boolean isCoordinator(Actor reader) {
        return reader != null && reader.isCoordinator();
    }
}
