package io.jiebang.console.application;

import java.time.Instant;

/**
 * Something changed on the board: pushed to open consoles as a Server-Sent Event.
 *
 * @param draftOf the poster of a topic still in draft, whose change only its staff and the coordinator are told
 *                (ReadRules); null for everything published
 * @param district the district whose readers are told; null: every reader (the shared taxonomy, a resync)
 */
public record BoardChange(String kind, String id, String event, String status, Instant at, String draftOf,
                          String district) {
}
