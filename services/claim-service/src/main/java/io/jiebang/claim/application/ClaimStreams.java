package io.jiebang.claim.application;

import io.jiebang.claim.domain.ClaimWindow;
import io.jiebang.claim.domain.Claimant;
import io.jiebang.claim.domain.TopicMarket;
import io.jiebang.platform.eventstore.StreamType;

/** The event streams claim-service keeps: its topics (with their claims), and what it knows of batches and organisations. */
public final class ClaimStreams {

    public static final StreamType<TopicMarket> TOPICS = new StreamType<>("topic", TopicMarket::new);
    public static final StreamType<ClaimWindow> BATCHES = new StreamType<>("batch", ClaimWindow::new);
    public static final StreamType<Claimant> ORGANISATIONS = new StreamType<>("org", Claimant::new);

    private ClaimStreams() {
    }
}
