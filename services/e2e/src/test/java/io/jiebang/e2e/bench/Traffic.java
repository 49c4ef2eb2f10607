package io.jiebang.e2e.bench;

import io.jiebang.e2e.bench.Inventory.Topic;
import io.jiebang.e2e.bench.Mix.Operation;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The mix as requests: each operation picks a topic in the state it needs from the inventory, and its answer
 * moves the topic on. When no topic is ready for an operation (the stack is behind, or the mix used them up),
 * a progress report stands in for it and the substitution is counted, so the rate of commands holds.
 */
final class Traffic implements Workload {

    /** The owning service has not yet heard what the command needs: the same topic is tried again later. */
    private static final Set<String> NOT_YET_KNOWN = Set.of("topic-not-found", "topic-not-awarded");
    private static final int BIDS_BEFORE_AWARD = 3;
    private static final List<String> BOARD_FILTERS = List.of("", "&status=OPEN", "&status=IN_PROGRESS",
            "&status=RESOLUTION_SUBMITTED", "&status=RESOLVED&direction=STREET_TO_DEPARTMENT");
    private static final List<String> VERDICTS = List.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED");

    private final Mix mix = new Mix();
    private final Inventory inventory;
    private final Requests requests;
    private final AtomicLong sequence = new AtomicLong();

    Traffic(Inventory inventory, Requests requests) {
        this.inventory = inventory;
        this.requests = requests;
    }

    @Override
    public Call next() {
        Operation operation = mix.next();
        return build(operation)
                .or(() -> reportProgress().map(call -> call.standingInFor(operation)))
                .orElseGet(() -> topicPage().standingInFor(operation));
    }

    private Optional<Call> build(Operation operation) {
        return switch (operation) {
            case REPORT_PROGRESS -> reportProgress();
            case POST_TOPIC -> Optional.of(postTopic());
            case PUBLISH_TOPIC -> publishTopic();
            case CLAIM_FIRST_COME -> claimFirstCome();
            case BID_AS_GROUP -> bidAsGroup();
            case AWARD_BID -> awardBid();
            case SUBMIT_RESOLUTION -> submitResolution();
            case VERDICT -> verdict();
            case ISSUE_EVALUATION_LINKS -> issueEvaluationLinks();
            case EVALUATION_VOTE -> evaluationVote();
            case TOPIC_PAGE -> Optional.of(topicPage());
            case BOARD_LIST -> Optional.of(boardList());
            case BATCH_STATS -> Optional.of(read(Operation.BATCH_STATS,
                    requests.get(Inventory.COORDINATOR, "/api/batches/" + inventory.batchId() + "/stats")));
            case LEADERBOARD -> Optional.of(read(Operation.LEADERBOARD,
                    requests.get(Inventory.COORDINATOR, "/api/batches/" + inventory.batchId() + "/leaderboard")));
        };
    }

    private Optional<Call> reportProgress() {
        long n = sequence.incrementAndGet();
        return inventory.inProgress.peek().map(topic -> command(Operation.REPORT_PROGRESS,
                requests.post(topic.lead(), "/api/topics/" + topic.id() + "/progress",
                        Commands.progress((int) (n % 101), "进展 " + n)),
                answer -> { }));
    }

    private Call postTopic() {
        long n = sequence.incrementAndGet();
        String street = Inventory.STREETS.get((int) (n % Inventory.STREETS.size()));
        boolean firstCome = n % 2 == 0;
        Map<String, Object> body = Commands.topic(inventory.batchId(), "基准 " + n, firstCome, inventory.startedAt());
        return command(Operation.POST_TOPIC, requests.post(street, "/api/topics", body), answer -> {
            if (answer.ok()) {
                Topic topic = new Topic(answer.json().get("id").asString(), street, firstCome);
                inventory.known(topic);
                inventory.drafts.add(topic);
            }
        });
    }

    private Optional<Call> publishTopic() {
        return inventory.drafts.take().map(topic -> command(Operation.PUBLISH_TOPIC,
                requests.post(topic.poster(), "/api/topics/" + topic.id() + "/publish", null),
                answer -> moveOn(answer, topic, inventory.drafts,
                        () -> (topic.firstCome() ? inventory.openFirstCome : inventory.openForBids).addHeldBack(topic))));
    }

    private Optional<Call> claimFirstCome() {
        String department = Inventory.DEPARTMENTS.get((int) (sequence.incrementAndGet() % Inventory.DEPARTMENTS.size()));
        return inventory.openFirstCome.take().map(topic -> command(Operation.CLAIM_FIRST_COME,
                requests.post(department, "/api/topics/" + topic.id() + "/claims", Commands.claim(department, List.of(), inventory.startedAt())),
                answer -> moveOn(answer, topic, inventory.openFirstCome, () -> {
                    topic.awardedTo(department);
                    inventory.inProgress.addHeldBack(topic);
                })));
    }

    /** Each bid on a topic comes from another pair of departments: one live claim per department and topic. */
    private Optional<Call> bidAsGroup() {
        return inventory.openForBids.take().map(topic -> {
            int k = topic.bids().size();
            String lead = Inventory.DEPARTMENTS.get((2 * k) % Inventory.DEPARTMENTS.size());
            String coClaimant = Inventory.DEPARTMENTS.get((2 * k + 1) % Inventory.DEPARTMENTS.size());
            return command(Operation.BID_AS_GROUP,
                    requests.post(lead, "/api/topics/" + topic.id() + "/claims", Commands.claim(lead, List.of(coClaimant), inventory.startedAt())),
                    answer -> moveOn(answer, topic, inventory.openForBids, () -> {
                        topic.bids().add(new Inventory.Bid(answer.json().get("id").asString(), lead));
                        (topic.bids().size() >= BIDS_BEFORE_AWARD ? inventory.withBids : inventory.openForBids).add(topic);
                    }));
        });
    }

    private Optional<Call> awardBid() {
        return inventory.withBids.take().map(topic -> {
            Inventory.Bid chosen = topic.bids().get(0);
            return command(Operation.AWARD_BID,
                    requests.post(topic.poster(), "/api/topics/" + topic.id() + "/claims/" + chosen.claimId() + "/award", null),
                    answer -> moveOn(answer, topic, inventory.withBids, () -> {
                        topic.awardedTo(chosen.lead());
                        inventory.inProgress.addHeldBack(topic);
                    }));
        });
    }

    private Optional<Call> submitResolution() {
        return inventory.inProgress.take().map(topic -> command(Operation.SUBMIT_RESOLUTION,
                requests.post(topic.lead(), "/api/topics/" + topic.id() + "/resolution", Commands.resolution()),
                answer -> moveOn(answer, topic, inventory.inProgress, () -> inventory.resolutionSubmitted.add(topic))));
    }

    /** Two in three resolutions are accepted; a rejected one goes back to work. */
    private Optional<Call> verdict() {
        boolean reject = sequence.incrementAndGet() % 3 == 0;
        return inventory.resolutionSubmitted.take().map(topic -> {
            String path = "/api/topics/" + topic.id() + "/resolution/" + (reject ? "reject" : "accept");
            HttpRequest request = requests.post(topic.poster(), path, reject ? Map.of("reason", "证据不足") : null);
            return command(Operation.VERDICT, request, answer -> moveOn(answer, topic, inventory.resolutionSubmitted,
                    () -> {
                        if (reject) {
                            inventory.inProgress.addHeldBack(topic);
                        } else {
                            inventory.resolved.add(topic);
                        }
                    }));
        });
    }

    private Optional<Call> issueEvaluationLinks() {
        return inventory.resolved.peek().map(topic -> command(Operation.ISSUE_EVALUATION_LINKS,
                requests.post(topic.poster(), "/api/topics/" + topic.id() + "/evaluation-links", Commands.evaluationLinks()),
                answer -> {
                    if (answer.ok()) {
                        answer.json().get("links").forEach(link -> inventory.evaluationTokens.add(link.get("token").asString()));
                    }
                }));
    }

    /** A link works once, so a vote is never tried again. */
    private Optional<Call> evaluationVote() {
        String verdict = VERDICTS.get((int) (sequence.incrementAndGet() % VERDICTS.size()));
        return inventory.evaluationTokens.take().map(token -> command(Operation.EVALUATION_VOTE,
                requests.post(null, "/api/evaluations/" + token, Map.of("verdict", verdict)), answer -> { }));
    }

    private Call topicPage() {
        Topic topic = inventory.anyTopic();
        return read(Operation.TOPIC_PAGE, requests.get(topic.poster(), "/api/topics/" + topic.id()));
    }

    private Call boardList() {
        long n = sequence.incrementAndGet();
        String street = Inventory.STREETS.get((int) (n % Inventory.STREETS.size()));
        String filter = BOARD_FILTERS.get((int) (n % BOARD_FILTERS.size()));
        return read(Operation.BOARD_LIST, requests.get(street,
                "/api/topics?batch=" + inventory.batchId() + filter + "&page=" + (n % 3) + "&size=20"));
    }

    /**
     * A topic whose command succeeded moves on; one the owning service has not yet heard of, or whose command
     * failed on the way (5xx, timeout), goes back to wait; any other refusal drops it from the benchmark.
     */
    private static void moveOn(Answer answer, Topic topic, Pool<Topic> from, Runnable next) {
        if (answer.ok()) {
            next.run();
        } else if (answer.error() != null || answer.status() >= 500 || NOT_YET_KNOWN.contains(answer.problem())) {
            from.addHeldBack(topic);
        }
    }

    private static Call command(Operation operation, HttpRequest request, Consumer<Answer> then) {
        return new Call(operation.label(), true, request, null, then);
    }

    private static Call read(Operation operation, HttpRequest request) {
        return Call.of(operation.label(), false, request);
    }
}
