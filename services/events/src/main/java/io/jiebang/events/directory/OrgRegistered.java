package io.jiebang.events.directory;

import io.jiebang.events.OrgKind;

/** An organisation joined the board's directory (from the seed, or added by a coordinator). Key: orgId. */
public record OrgRegistered(String orgId, String name, String nameEn, OrgKind kind, String parentId) implements OrgEvent {
}
