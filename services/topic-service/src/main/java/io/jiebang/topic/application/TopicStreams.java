package io.jiebang.topic.application;

import io.jiebang.platform.eventstore.StreamType;
import io.jiebang.topic.domain.Batch;
import io.jiebang.topic.domain.Category;
import io.jiebang.topic.domain.District;
import io.jiebang.topic.domain.Organisation;
import io.jiebang.topic.domain.StaffAccount;
import io.jiebang.topic.domain.Topic;

/** The event streams topic-service owns. */
public final class TopicStreams {

    public static final StreamType<District> DISTRICTS = new StreamType<>("district", District::new);
    public static final StreamType<Organisation> ORGANISATIONS = new StreamType<>("org", Organisation::new);
    public static final StreamType<StaffAccount> STAFF = new StreamType<>("staff", StaffAccount::new);
    public static final StreamType<Category> CATEGORIES = new StreamType<>("category", Category::new);
    public static final StreamType<Batch> BATCHES = new StreamType<>("batch", Batch::new);
    public static final StreamType<Topic> TOPICS = new StreamType<>("topic", Topic::new);

    private TopicStreams() {
    }
}
