package io.jiebang.console.persistence;

import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import java.time.Instant;
import java.util.List;

/** Topics as the index sees them: the fields it indexes, the rest left empty. */
final class TopicViews {

    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    static TopicView topic(String id, String title, String description, TopicStatus status) {
        return new TopicView(id, "b-1", "street-01", Direction.STREET_TO_DEPARTMENT, title, description, "SW-01", null,
                NOW.plusSeconds(86_400 * 60L), null, null, null, ClaimMode.FIRST_COME, 0, status, 1, NOW, NOW, NOW,
                status == TopicStatus.OPEN || status == TopicStatus.DRAFT ? null : "dept-01", List.of(), List.of(), null, null,
                0, null, null, List.of(), 0, List.of(), 0, null, null);
    }

    private TopicViews() {
    }
}
