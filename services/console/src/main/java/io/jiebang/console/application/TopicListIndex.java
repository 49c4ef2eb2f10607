package io.jiebang.console.application;

import java.util.Collection;
import java.util.OptionalLong;
import reactor.core.publisher.Mono;

/**
 * The board's list index, one per console instance, kept in step with the shared read model through the feed of
 * board changes: each instance re-reads the topics that others changed.
 */
public interface TopicListIndex {

    /** How far the feed of board changes was taken in, when the index can be trusted; empty: rebuild it. */
    OptionalLong position();

    /** The index again from every topic of the read model. */
    Mono<Void> rebuild();

    /** Re-reads these topics into the index and notes that the feed was taken in up to {@code next} (exclusive). */
    Mono<Void> refresh(Collection<String> topicIds, long next);
}
