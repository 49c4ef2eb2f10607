package io.jiebang.notification.application;

import io.jiebang.events.Actor;
import io.jiebang.notification.domain.Recipients;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Who may see and change a recipient's notifications ({@link Recipients#checkMayManage}), with its district looked up. */
@Service
public class RecipientAccess {

    private final OrgDistricts orgs;

    public RecipientAccess(OrgDistricts orgs) {
        this.orgs = orgs;
    }

    public Mono<Void> check(Actor actor, String recipient) {
        return orgs.districtOf(recipient).defaultIfEmpty("")
                .doOnNext(district -> Recipients.checkMayManage(actor, recipient, district.isEmpty() ? null : district))
                .then();
    }
}
