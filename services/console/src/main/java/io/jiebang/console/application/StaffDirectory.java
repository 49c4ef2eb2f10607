package io.jiebang.console.application;

import io.jiebang.events.EventEnvelope;
import java.time.Clock;
import java.time.Instant;
import io.jiebang.events.directory.StaffEvent;
import io.jiebang.events.directory.StaffInvited;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The staff accounts' events applied to the console's local accounts (docs/administration.md): who may log in, for
 * which organisation, with which activation code. Every change after the invitation signs the account out everywhere,
 * since its tokens name the old organisation or credentials. With an OIDC issuer there are no local accounts and the
 * events change nothing here.
 */
@Service
public class StaffDirectory {

    private final ObjectProvider<Accounts> accounts;
    private final ObjectProvider<SignedOutTokens> signedOut;

    private final Clock clock;

    public StaffDirectory(ObjectProvider<Accounts> accounts, ObjectProvider<SignedOutTokens> signedOut, Clock clock) {
        this.accounts = accounts;
        this.signedOut = signedOut;
        this.clock = clock;
    }

    public Mono<Void> apply(EventEnvelope event) {
        Accounts local = accounts.getIfAvailable();
        if (local == null) {
            return Mono.empty();
        }
        StaffEvent staff = (StaffEvent) event.data();
        Mono<Void> applied = local.apply(event.sequence(), event.district(), staff);
        // Signed out again on a redelivery too: a crash may have come between the two writes. As of the change, but
        // never later than this console's now: another service's clock ahead would void tokens not yet issued.
        Instant now = clock.instant();
        Instant since = event.occurredAt().isAfter(now) ? now : event.occurredAt();
        return staff instanceof StaffInvited ? applied : applied.then(signedOut.getObject().signOutUser(staff.username(), since));
    }
}
