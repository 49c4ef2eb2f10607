package io.jiebang.console.readmodel;

import java.time.Instant;

/**
 * One event on a topic's timeline: what happened, when, in which round, who did it for which organisation,
 * and the event's own fields.
 */
public record TimelineEntry(String eventId, String type, Instant at, Integer round, String actorUserId,
                            String actorOrgId, String actorRole, String source, Object data) {
}
