package io.jiebang.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of commands from several clients, each as a careful client sends it: with an
 * Idempotency-Key, retried with the same key until it gets a definite answer (2xx or 4xx), so a command
 * cut short by a fault is never done twice nor lost. Every command carries a unique marker in its text,
 * so its effects can be counted in every store. Each client also takes its own first-come topic and gives it back,
 * again and again, so awards, withdrawn awards and new rounds travel under every fault too.
 */
final class Workload {

    enum Kind {
        /** A street drafts a topic (topic-service). */
        POST_TOPIC,
        /** ...and publishes it (topic-service; recorded by claim, dispatch and resolution). */
        PUBLISH,
        /** A department bids on a poster-selects topic (claim-service). */
        BID,
        /** The awarded lead reports progress (dispatch-service). */
        REPORT,
        /** A claim with a street as a department's co-claimant: always refused (400). */
        INVALID_CLAIM,
        /** A department claims a first-come topic (claim-service): awarded at once. */
        FIRST_COME_CLAIM,
        /** ...and gives the award back (claim-service; recorded by dispatch and resolution): a new round opens. */
        GIVE_BACK
    }

    /** One command and its final answer. */
    record Sent(Kind kind, String marker, String topicId, int status, int attempts) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }

        boolean refused() {
            return status >= 400 && status < 500;
        }
    }

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private static final Duration PACE = Duration.ofMillis(40);

    private final Api api;
    /** Business time when the load began: dates in commands are counted from it (the clock service may be down). */
    private final java.time.OffsetDateTime now;
    private final List<String> bidTopics;
    private final List<String> reportTopics;
    /** One first-come topic per client, so its claims and give-backs never race another client's. */
    private final List<String> roundTopics;
    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger bidder = new AtomicInteger();
    private final List<Thread> clients = new ArrayList<>();

    Workload(Api api, List<String> bidTopics, List<String> reportTopics, List<String> roundTopics) {
        this.api = api;
        this.now = api.now();
        this.bidTopics = List.copyOf(bidTopics);
        this.reportTopics = List.copyOf(reportTopics);
        this.roundTopics = List.copyOf(roundTopics);
    }

    /** Starts a client per round topic; {@link #sent()} then counts only the commands sent from now on. */
    void start(String batchId) {
        sent.clear();
        running.set(true);
        for (int i = 0; i < roundTopics.size(); i++) {
            int client = i;
            Thread thread = new Thread(() -> run(client, batchId), "client-" + i);
            thread.setDaemon(true);
            thread.start();
            clients.add(thread);
        }
    }

    /** Stops sending and waits for the commands under way to get their answers. */
    void stop() {
        running.set(false);
        clients.forEach(thread -> {
            try {
                thread.join(GIVE_UP_AFTER.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        clients.clear();
    }

    /** The commands sent since the last {@link #start}, with their final answers. */
    List<Sent> sent() {
        return List.copyOf(sent);
    }

    private void run(int client, String batchId) {
        while (running.get()) {
            int pick = ThreadLocalRandom.current().nextInt(10);
            if (pick < 2) {
                postAndPublish(client, batchId);
            } else if (pick < 4) {
                bid();
            } else if (pick < 7) {
                report();
            } else if (pick < 9) {
                awardAndGiveBack(client);
            } else {
                invalidClaim();
            }
            pause(PACE);
        }
    }

    private void postAndPublish(int client, String batchId) {
        String marker = marker();
        String street = String.format("street-%02d", 2 + client % 11);
        Api.Response posted = send(street, "/api/topics", Map.of("batchId", batchId, "title", marker, "description", "压力",
                "category", "ND-03", "expectedOutcome", "见效", "dueDate", now.plusDays(60).toString(),
                "priority", "NORMAL", "claimMode", "POSTER_SELECTS", "maxCoClaimants", 0));
        sent.add(new Sent(Kind.POST_TOPIC, marker, posted.status() == 201 ? posted.id() : null, posted.status(), 0));
        if (posted.status() == 201) {
            String topicId = posted.id();
            Api.Response published = send(street, "/api/topics/" + topicId + "/publish", null);
            sent.add(new Sent(Kind.PUBLISH, marker, topicId, published.status(), 0));
        }
    }

    private void bid() {
        String marker = marker();
        String topicId = bidTopics.get(ThreadLocalRandom.current().nextInt(bidTopics.size()));
        String dept = String.format("dept-%02d", 2 + bidder.getAndIncrement() % 49);
        Api.Response response = send(dept, "/api/topics/" + topicId + "/claims",
                Map.of("plan", marker, "committedDate", now.plusDays(30).toString()));
        sent.add(new Sent(Kind.BID, marker, topicId, response.status(), 0));
    }

    private void report() {
        String marker = marker();
        String topicId = reportTopics.get(ThreadLocalRandom.current().nextInt(reportTopics.size()));
        Api.Response response = send("dept-01", "/api/topics/" + topicId + "/progress",
                Map.of("percent", ThreadLocalRandom.current().nextInt(101), "note", marker));
        sent.add(new Sent(Kind.REPORT, marker, topicId, response.status(), 0));
    }

    /** The client's first-come topic awarded to a department, then given back, which opens its next round. */
    private void awardAndGiveBack(int client) {
        String topicId = roundTopics.get(client);
        String marker = marker();
        Api.Response claimed = send("dept-01", "/api/topics/" + topicId + "/claims",
                Map.of("plan", marker, "committedDate", now.plusDays(30).toString()));
        sent.add(new Sent(Kind.FIRST_COME_CLAIM, marker, topicId, claimed.status(), 0));
        if (claimed.status() == 201) {
            String reason = marker();
            Api.Response givenBack = send("dept-01", "/api/topics/" + topicId + "/claims/" + claimed.id() + "/withdraw",
                    Map.of("reason", reason));
            sent.add(new Sent(Kind.GIVE_BACK, reason, topicId, givenBack.status(), 0));
        }
    }

    private void invalidClaim() {
        String marker = marker();
        String topicId = bidTopics.get(ThreadLocalRandom.current().nextInt(bidTopics.size()));
        Api.Response response = send("dept-50", "/api/topics/" + topicId + "/claims",
                Map.of("plan", marker, "coClaimantOrgIds", List.of("street-01"), "committedDate", now.plusDays(30).toString()));
        sent.add(new Sent(Kind.INVALID_CLAIM, marker, topicId, response.status(), 0));
    }

    /** Sends until the answer is definite; a fault (connection refused, 5xx, timeout) means: same key, try again. */
    private Api.Response send(String user, String path, Object body) {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (true) {
            try {
                Api.Response response = api.sendWithKey("POST", path, user, body, key);
                if (response.status() < 500) {
                    return response;
                }
            } catch (RuntimeException fault) {
                // the gateway or the service is away: the same key again once it is back
            }
            if (System.nanoTime() > deadline) {
                return new Api.Response(599, null, null);
            }
            pause(Duration.ofMillis(250));
        }
    }

    private static String marker() {
        return "chaos-" + UUID.randomUUID();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
