package io.jiebang.events.directory;

/** A coordinator moved a staff account to another organisation; its tokens for the old one are void. Key: username. */
public record StaffMoved(String username, String orgId) implements StaffEvent {
}
