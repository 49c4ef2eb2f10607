package io.jiebang.events.directory;

/**
 * A coordinator retired an organisation: it posts, claims and is assigned no more; what it already holds runs its
 * course. Its id is never reused. Key: orgId.
 */
public record OrgRetired(String orgId) implements OrgEvent {
}
