package io.jiebang.events;

/** An event about one topic (榜单); keyed by the topic id so one topic's events stay in order. */
public interface TopicEvent extends DomainEvent {

    String topicId();

    @Override
    default String aggregateId() {
        return topicId();
    }
}
