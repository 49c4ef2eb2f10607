package io.jiebang.events.resolution;

import io.jiebang.events.RoundEvent;

/** The lead says the work is done (销号申请), with a summary and evidence. */
public record ResolutionSubmitted(String topicId, int round, String resolutionId, String orgId, String summary,
                                  String evidence) implements RoundEvent {
}
