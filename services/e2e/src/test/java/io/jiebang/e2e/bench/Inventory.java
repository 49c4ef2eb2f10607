package io.jiebang.e2e.bench;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The benchmark's topics, by the state each is in, and who plays which part. The seed fills every state; the
 * mix then moves topics along (posted, published, claimed, resolved, evaluated), so each kind of command
 * finds a topic it applies to.
 */
public final class Inventory {

    /** Streets post (基层出题), departments claim; one street and one department are kept for the probes. */
    public static final List<String> STREETS = IntStream.rangeClosed(2, 12).mapToObj(i -> String.format("street-%02d", i)).toList();
    public static final List<String> DEPARTMENTS = IntStream.rangeClosed(2, 21).mapToObj(i -> String.format("dept-%02d", i)).toList();
    public static final String PROBE_POSTER = "street-01";
    public static final String PROBE_LEAD = "dept-01";
    public static final String COORDINATOR = "coordinator";

    /** One topic as the benchmark knows it. */
    public static final class Topic {
        private final String id;
        private final String poster;
        private final boolean firstCome;
        private volatile String lead;
        private final List<Bid> bids = new CopyOnWriteArrayList<>();

        public Topic(String id, String poster, boolean firstCome) {
            this.id = id;
            this.poster = poster;
            this.firstCome = firstCome;
        }

        public String id() {
            return id;
        }

        public String poster() {
            return poster;
        }

        public boolean firstCome() {
            return firstCome;
        }

        public String lead() {
            return lead;
        }

        public void awardedTo(String org) {
            this.lead = org;
        }

        List<Bid> bids() {
            return bids;
        }
    }

    record Bid(String claimId, String lead) {
    }

    private final String batchId;
    private final OffsetDateTime startedAt;
    private final List<Topic> all = new CopyOnWriteArrayList<>();
    private final List<Topic> probes = new ArrayList<>();
    final Pool<Topic> drafts = new Pool<>();
    final Pool<Topic> openFirstCome = new Pool<>();
    final Pool<Topic> openForBids = new Pool<>();
    final Pool<Topic> withBids = new Pool<>();
    final Pool<Topic> inProgress = new Pool<>();
    final Pool<Topic> resolutionSubmitted = new Pool<>();
    final Pool<Topic> resolved = new Pool<>();
    final Pool<String> evaluationTokens = new Pool<>();

    /** @param startedAt business time at the seed: dates in commands are counted from it */
    public Inventory(String batchId, OffsetDateTime startedAt) {
        this.batchId = batchId;
        this.startedAt = startedAt;
    }

    public String batchId() {
        return batchId;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    // What the seed prepared, each in its state

    public void open(Topic topic) {
        known(topic);
        (topic.firstCome() ? openFirstCome : openForBids).add(topic);
    }

    public void inProgress(Topic topic) {
        known(topic);
        inProgress.add(topic);
    }

    public void resolutionSubmitted(Topic topic) {
        known(topic);
        resolutionSubmitted.add(topic);
    }

    public void resolved(Topic topic, List<String> tokens) {
        known(topic);
        resolved.add(topic);
        tokens.forEach(evaluationTokens::add);
    }

    /** Topics only the propagation probes report on, so the mix never races them. */
    public void probe(Topic topic) {
        probes.add(topic);
    }

    List<Topic> probes() {
        return List.copyOf(probes);
    }

    void known(Topic topic) {
        all.add(topic);
    }

    Topic anyTopic() {
        return all.get(ThreadLocalRandom.current().nextInt(all.size()));
    }
}
