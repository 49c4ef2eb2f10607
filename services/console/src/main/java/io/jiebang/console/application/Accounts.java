package io.jiebang.console.application;

import java.util.List;
import reactor.core.publisher.Mono;

/** The local user directory (production may use an OIDC issuer instead). Passwords are kept only as hashes. */
public interface Accounts {

    /** @param demo a demo login, made from the seed directory with its shared password: allowed in demo mode only */
    record Account(String username, String passwordHash, String orgId, List<String> roles, String displayName, boolean demo) {
    }

    Mono<Account> find(String username);

    /** Adds the account unless one with that name exists. */
    Mono<Void> addIfAbsent(Account account);

    /** How many demo logins the directory holds. */
    Mono<Long> countDemo();

    Mono<Long> count();
}
