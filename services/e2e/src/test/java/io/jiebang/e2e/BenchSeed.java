package io.jiebang.e2e;

import io.jiebang.e2e.bench.Benchmark;
import io.jiebang.e2e.bench.Commands;
import io.jiebang.e2e.bench.Inventory;
import io.jiebang.e2e.bench.Inventory.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Prepares the benchmark's topics through the gateway, a dozen at a time, in every state the mix starts from:
 * open (first-come and poster-selects), in progress, with a resolution waiting for its verdict, resolved with
 * evaluation links; and a few topics of the propagation probes' own. Nothing waits for the board: a command
 * that needs another service to have heard of the topic is retried until it has (Api.postEventually).
 */
final class BenchSeed {

    private static final int OPEN_FIRST_COME = 40;
    private static final int OPEN_FOR_BIDS = 20;
    private static final int IN_PROGRESS = 40;
    private static final int RESOLUTION_SUBMITTED = 15;
    private static final int RESOLVED = 10;
    private static final int PROBES = 6;
    private static final int AT_ONCE = 12;

    private final Api api;
    private Inventory inventory;

    BenchSeed(Api api) {
        this.api = api;
    }

    Inventory prepare() throws Exception {
        long began = System.nanoTime();
        inventory = new Inventory(api.createOpenBatch("基准批次", java.util.Map.of("evaluationQuorum", 1,
                "evaluationMinimumWindowHours", 0, "evaluationLinksPerRound", 1000)), api.now());
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<String> users = Stream.of(Inventory.STREETS, Inventory.DEPARTMENTS,
                    List.of(Inventory.PROBE_POSTER, Inventory.PROBE_LEAD, Inventory.COORDINATOR)).flatMap(List::stream).toList();
            await(pool, users.stream().<Callable<Object>>map(user -> () -> api.token(user)).toList());
            List<Callable<Object>> topics = new ArrayList<>();
            for (int i = 0; i < OPEN_FIRST_COME + OPEN_FOR_BIDS; i++) {
                boolean firstCome = i < OPEN_FIRST_COME;
                int n = i;
                topics.add(() -> {
                    inventory.open(posted(n, firstCome));
                    return null;
                });
            }
            for (int i = 0; i < IN_PROGRESS + RESOLUTION_SUBMITTED + RESOLVED; i++) {
                int n = OPEN_FIRST_COME + OPEN_FOR_BIDS + i;
                topics.add(() -> {
                    Topic topic = claimed(n);
                    if (n < OPEN_FIRST_COME + OPEN_FOR_BIDS + IN_PROGRESS) {
                        inventory.inProgress(topic);
                    } else if (n < OPEN_FIRST_COME + OPEN_FOR_BIDS + IN_PROGRESS + RESOLUTION_SUBMITTED) {
                        inventory.resolutionSubmitted(submitted(topic));
                    } else {
                        resolve(submitted(topic));
                    }
                    return null;
                });
            }
            for (int i = 0; i < PROBES; i++) {
                topics.add(() -> {
                    Topic topic = posted(Inventory.PROBE_POSTER, "探针", true);
                    claim(topic, Inventory.PROBE_LEAD);
                    inventory.probe(topic);
                    return null;
                });
            }
            await(pool, topics);
        } finally {
            pool.shutdownNow();
        }
        Benchmark.log("seeded %d topics in %d s", topicsSeeded(), (System.nanoTime() - began) / 1_000_000_000);
        return inventory;
    }

    private static int topicsSeeded() {
        return OPEN_FIRST_COME + OPEN_FOR_BIDS + IN_PROGRESS + RESOLUTION_SUBMITTED + RESOLVED + PROBES;
    }

    private Topic posted(int n, boolean firstCome) {
        return posted(Inventory.STREETS.get(n % Inventory.STREETS.size()), "基准 seed-" + n, firstCome);
    }

    private Topic posted(String street, String title, boolean firstCome) {
        String id = api.post("/api/topics", street, Commands.topic(inventory.batchId(), title, firstCome, inventory.startedAt()))
                .expect(201).id();
        api.post("/api/topics/" + id + "/publish", street, null).expect(202);
        return new Topic(id, street, firstCome);
    }

    private Topic claimed(int n) {
        Topic topic = posted(n, true);
        claim(topic, Inventory.DEPARTMENTS.get(n % Inventory.DEPARTMENTS.size()));
        return topic;
    }

    private void claim(Topic topic, String department) {
        api.postEventually("/api/topics/" + topic.id() + "/claims", department,
                Commands.claim(department, List.of(), inventory.startedAt())).expect(201);
        topic.awardedTo(department);
    }

    private Topic submitted(Topic topic) {
        api.postEventually("/api/topics/" + topic.id() + "/resolution", topic.lead(), Commands.resolution()).expect(201);
        return topic;
    }

    private void resolve(Topic topic) {
        api.post("/api/topics/" + topic.id() + "/resolution/accept", topic.poster(), null).expect(202);
        List<String> tokens = new ArrayList<>();
        api.post("/api/topics/" + topic.id() + "/evaluation-links", topic.poster(), Commands.evaluationLinks()).expect(201)
                .body().get("links").forEach(link -> tokens.add(link.get("token").asString()));
        inventory.resolved(topic, tokens);
    }

    /** Runs the tasks a dozen at a time; the first failure fails the seed. */
    private static void await(ExecutorService pool, List<Callable<Object>> tasks) throws Exception {
        for (Future<Object> done : pool.invokeAll(tasks)) {
            done.get();
        }
    }
}
