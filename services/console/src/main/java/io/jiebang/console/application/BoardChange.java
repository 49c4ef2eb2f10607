package io.jiebang.console.application;

import java.time.Instant;

/** Something changed on the board: pushed to open consoles as a Server-Sent Event. */
public record BoardChange(String kind, String id, String event, String status, Instant at) {
}
