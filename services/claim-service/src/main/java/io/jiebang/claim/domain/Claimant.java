package io.jiebang.claim.domain;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.OrgKind;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.directory.OrgRetired;
import io.jiebang.platform.domain.Aggregate;

/** An organisation as claiming sees it: does it exist, on which side of the board is it, is it retired. */
public final class Claimant implements Aggregate {

    private final String id;
    private OrgKind kind;
    private boolean retired;

    public Claimant(String id) {
        this.id = id;
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof OrgRegistered registered) {
            kind = registered.kind();
        } else if (event.data() instanceof OrgRetired) {
            retired = true;
        }
    }

    public String id() {
        return id;
    }

    public boolean isRegistered() {
        return kind != null;
    }

    /** Retired organisations claim, co-claim and are assigned no more (docs/administration.md). */
    public boolean isRetired() {
        return retired;
    }

    public OrgKind kind() {
        return kind;
    }
}
