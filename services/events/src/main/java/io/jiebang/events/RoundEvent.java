package io.jiebang.events;

/** A topic event that belongs to one round: each award, report, resolution and evaluation does. */
public interface RoundEvent extends TopicEvent {

    int round();
}
