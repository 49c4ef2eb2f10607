package io.jiebang.platform.command;

import io.jiebang.events.EventEnvelope;
import io.jiebang.platform.eventstore.Answer;
import java.util.List;

/**
 * What a command did.
 *
 * @param replayed true when this repeats an earlier command: nothing new was stored
 * @param events the events stored by this command (none when replayed or when nothing changed)
 */
public record Outcome(Answer answer, boolean replayed, List<EventEnvelope> events) {

    public static Outcome committed(Answer answer, List<EventEnvelope> events) {
        return new Outcome(answer, false, events);
    }

    public static Outcome replayed(Answer answer) {
        return new Outcome(answer, true, List.of());
    }

    public static Outcome unchanged(Answer answer) {
        return new Outcome(answer, false, List.of());
    }
}
