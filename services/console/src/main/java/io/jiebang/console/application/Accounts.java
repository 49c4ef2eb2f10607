package io.jiebang.console.application;

import java.util.List;
import reactor.core.publisher.Mono;

/** The local user directory (production may use an OIDC issuer instead). Passwords are kept only as hashes. */
public interface Accounts {

    record Account(String username, String passwordHash, String orgId, List<String> roles, String displayName) {
    }

    Mono<Account> find(String username);

    /** Adds the account unless one with that name exists. */
    Mono<Void> addIfAbsent(Account account);
}
