package io.jiebang.events.directory;

/** A coordinator deactivated an account: it logs in no more and its tokens are void. Key: username. */
public record StaffDeactivated(String username) implements StaffEvent {
}
