package io.jiebang.console.application;

import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.events.Direction;

/**
 * Filters of the topic list; every one optional.
 *
 * @param org topics an organisation posted, leads or co-claims
 * @param text words in the title or description
 */
public record TopicQuery(String batchId, TopicStatus status, Direction direction, String org, String category,
                         String text, int page, int size) {

    public static final int MAX_SIZE = 200;
}
