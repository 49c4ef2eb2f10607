package io.jiebang.events.directory;

/** A coordinator renamed an organisation; its id, and so its topics and claims, stay. Key: orgId. */
public record OrgRenamed(String orgId, String name, String nameEn) implements OrgEvent {
}
