package io.jiebang.console.application;

import io.jiebang.events.directory.StaffEvent;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The local user directory (production may use an OIDC issuer instead), kept from the staff accounts' events
 * (docs/administration.md) and, for the first coordinator and the demo logins, at start. Passwords are kept only as
 * hashes, here and nowhere else.
 */
public interface Accounts {

    /**
     * @param passwordHash null until the person sets a password with an activation code, and again after a reset
     * @param demo a demo login, made from the seed directory with its shared password: allowed in demo mode only
     * @param managed kept by staff events, so the coordinator administers it (the first coordinator is not)
     * @param district the district the account belongs to (docs/tenancy.md); the first district's when none is recorded;
     *                 none for the city level
     */
    record Account(String username, String passwordHash, String orgId, List<String> roles, String displayName, boolean demo,
                   boolean deactivated, boolean managed, String district) {

        public Account {
            district = isCity(roles) ? null : district == null ? io.jiebang.events.Districts.FIRST : district;
        }

        public Account(String username, String passwordHash, String orgId, List<String> roles, String displayName, boolean demo) {
            this(username, passwordHash, orgId, roles, displayName, demo, false, false, null);
        }

        public Account(String username, String passwordHash, String orgId, List<String> roles, String displayName, boolean demo,
                       String district) {
            this(username, passwordHash, orgId, roles, displayName, demo, false, false, district);
        }

        /** The city level (市级) reads every district and belongs to none. */
        public boolean isCity() {
            return isCity(roles);
        }

        private static boolean isCity(List<String> roles) {
            return roles != null && roles.contains(io.jiebang.events.Actor.Role.CITY.name());
        }

        /** What the administration page shows. */
        public String status() {
            return deactivated ? "DEACTIVATED" : passwordHash == null ? "INVITED" : "ACTIVE";
        }

        public boolean mayLogIn() {
            return !deactivated && passwordHash != null;
        }
    }

    Mono<Account> find(String username);

    /** Every account, by username. */
    Flux<Account> all();

    /** Adds the account unless one with that name exists. */
    Mono<Void> addIfAbsent(Account account);

    /**
     * A demo login from the seed: added, or given the demo password if the seed's {@code StaffInvited} made it first;
     * never over a password set by activation, a reset awaiting its code, or a deactivation.
     */
    Mono<Void> seedDemo(Account account);

    /**
     * Applies a staff account's event of the district unless one at or after {@code sequence} was applied (a
     * redelivery).
     */
    Mono<Void> apply(long sequence, String district, StaffEvent event);

    /**
     * Sets the password of an account whose activation code (its SHA-256, hex) matches and has not expired, and
     * forgets the code; answers whether it did.
     */
    Mono<Boolean> activate(String username, String codeHash, String passwordHash, Instant now);

    /** How many demo logins the directory holds. */
    Mono<Long> countDemo();

    Mono<Long> count();
}
