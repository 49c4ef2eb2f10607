package io.jiebang.console.application;

import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.events.Direction;

/**
 * Filters of the topic list; every one optional but {@code drafts}.
 *
 * @param org topics an organisation posted, leads or co-claims
 * @param text words in the title or description
 * @param drafts the drafts the reader may see besides published topics ({@link ReadRules#drafts})
 * @param district the district's topics only; null: every district ({@link ReadRules#districtScope})
 */
public record TopicQuery(String batchId, TopicStatus status, Direction direction, String org, String category,
                         String text, int page, int size, Drafts drafts, String district) {

    public static final int MAX_SIZE = 200;

    /** The filters as asked, for a reader who may see no drafts until {@link #seeing} says otherwise. */
    public TopicQuery(String batchId, TopicStatus status, Direction direction, String org, String category, String text,
                      int page, int size) {
        this(batchId, status, direction, org, category, text, page, size, Drafts.NONE, null);
    }

    public TopicQuery seeing(Drafts visible) {
        return new TopicQuery(batchId, status, direction, org, category, text, page, size, visible, district);
    }

    public TopicQuery inDistrict(String only) {
        return new TopicQuery(batchId, status, direction, org, category, text, page, size, drafts, only);
    }

    /** All drafts (the coordinator's lists), one organisation's (its staff's), or none (everyone else's). */
    public record Drafts(boolean all, String of) {

        public static final Drafts ALL = new Drafts(true, null);
        public static final Drafts NONE = new Drafts(false, null);

        public static Drafts of(String orgId) {
            return new Drafts(false, orgId);
        }
    }
}
