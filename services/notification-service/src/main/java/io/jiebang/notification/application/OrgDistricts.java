package io.jiebang.notification.application;

import reactor.core.publisher.Mono;

/**
 * Which district each organisation belongs to, as the public directory says (its {@code OrgRegistered}), so that a
 * district's coordinator manages the notifications of their district's organisations only (docs/tenancy.md).
 */
public interface OrgDistricts {

    /** Records the organisation's district; idempotent (an organisation never changes district). */
    Mono<Void> record(String orgId, String district);

    /** The organisation's district; empty for one not heard of. */
    Mono<String> districtOf(String orgId);
}
