package io.jiebang.claim.domain;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.OrgKind;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.platform.domain.Aggregate;

/** An organisation as claiming sees it: does it exist, and on which side of the board is it. */
public final class Claimant implements Aggregate {

    private final String id;
    private OrgKind kind;

    public Claimant(String id) {
        this.id = id;
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof OrgRegistered registered) {
            kind = registered.kind();
        }
    }

    public String id() {
        return id;
    }

    public boolean isRegistered() {
        return kind != null;
    }

    public OrgKind kind() {
        return kind;
    }
}
