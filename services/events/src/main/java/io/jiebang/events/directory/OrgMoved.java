package io.jiebang.events.directory;

/** A coordinator put an organisation under another parent ({@code parentId} null: the top level). Key: orgId. */
public record OrgMoved(String orgId, String parentId) implements OrgEvent {
}
