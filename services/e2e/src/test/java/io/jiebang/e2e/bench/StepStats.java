package io.jiebang.e2e.bench;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one step sent and got back: per label (an operation of the mix, or a baseline) the requests sent,
 * the substitutions, every outcome (status code or error) and the latency histogram in microseconds.
 * The rate counts the 2xx answers to commands that came back inside the step's window.
 */
final class StepStats {

    /** Latencies are recorded in microseconds, up to ten minutes, with three significant digits. */
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    static final class PerLabel {
        final boolean command;
        final LongAdder sent = new LongAdder();
        final LongAdder substitutions = new LongAdder();
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        final Histogram latency = histogram();

        PerLabel(boolean command) {
            this.command = command;
        }

        long count(String outcome) {
            LongAdder n = outcomes.get(outcome);
            return n == null ? 0 : n.sum();
        }
    }

    private final String name;
    private final double targetCommandsPerSecond;
    private final Map<String, PerLabel> labels = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
    private final LongAdder commandsOkInWindow = new LongAdder();
    private final Histogram toTopicPage = histogram();
    private final Histogram toStream = histogram();
    private final LongAdder probes = new LongAdder();
    private final LongAdder probesRefused = new LongAdder();
    private final LongAdder unseenOnTopicPage = new LongAdder();
    private final LongAdder unseenOnStream = new LongAdder();
    private volatile OptionalDouble catchUpSeconds = OptionalDouble.empty();
    private volatile Map<String, Double> cores = Map.of();
    private volatile long windowStart;
    private volatile long windowEnd;

    /** @param targetCommandsPerSecond the commands a second the step was meant to send; 0 for as many as answered */
    StepStats(String name, double targetCommandsPerSecond) {
        this.name = name;
        this.targetCommandsPerSecond = targetCommandsPerSecond;
    }

    static Histogram histogram() {
        return new ConcurrentHistogram(HIGHEST_MICROS, 3);
    }

    void window(long startNanos, long endNanos) {
        this.windowStart = startNanos;
        this.windowEnd = endNanos;
    }

    void sent(Call call) {
        PerLabel stats = of(call);
        stats.sent.increment();
        if (call.substitutedFor() != null) {
            Mix.Operation missing = call.substitutedFor();
            labels.computeIfAbsent(missing.label(), label -> new PerLabel(missing.isCommand())).substitutions.increment();
        }
    }

    /** @param fromNanos when the request was meant to go: the latency includes any wait for its turn */
    void answered(Call call, long fromNanos, long atNanos, Answer answer) {
        PerLabel stats = of(call);
        stats.outcomes.computeIfAbsent(answer.outcome(), o -> new LongAdder()).increment();
        stats.latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (atNanos - fromNanos) / 1000)));
        String problem = answer.problem();
        if (problem != null) {
            problems.computeIfAbsent(answer.status() + " " + problem, p -> new LongAdder()).increment();
        }
        if (call.command() && answer.ok() && atNanos <= windowEnd) {
            commandsOkInWindow.increment();
        }
    }

    /** A fault of the benchmark itself (an answer it could not read): counted with the problems, so it shows. */
    void benchError(RuntimeException bug) {
        problems.computeIfAbsent("bench " + bug.getClass().getSimpleName(), p -> new LongAdder()).increment();
    }

    /**
     * One propagation probe: whether its command was accepted, and the nanoseconds from the answer until the topic
     * page showed it and until the stream announced it (null: not within the probe's patience).
     */
    void probed(boolean accepted, Long toPageNanos, Long toStreamNanos) {
        probes.increment();
        if (!accepted) {
            probesRefused.increment();
            return;
        }
        seen(toTopicPage, unseenOnTopicPage, toPageNanos);
        seen(toStream, unseenOnStream, toStreamNanos);
    }

    private static void seen(Histogram histogram, LongAdder unseen, Long nanos) {
        if (nanos == null) {
            unseen.increment();
        } else {
            histogram.recordValue(Math.min(HIGHEST_MICROS, nanos / 1000));
        }
    }

    /** Cores each process kept busy while the step sent and drained. */
    void cores(Map<String, Double> cores) {
        this.cores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cores));
    }

    Map<String, Double> cores() {
        return cores;
    }

    void catchUp(OptionalDouble seconds) {
        this.catchUpSeconds = seconds;
    }

    private PerLabel of(Call call) {
        return labels.computeIfAbsent(call.label(), label -> new PerLabel(call.command()));
    }

    String name() {
        return name;
    }

    double targetCommandsPerSecond() {
        return targetCommandsPerSecond;
    }

    double seconds() {
        return (windowEnd - windowStart) / 1e9;
    }

    /** 2xx answers to commands a second, counting only those that came back while the step was sending. */
    double commandsOkPerSecond() {
        return commandsOkInWindow.sum() / seconds();
    }

    /** The commands the step was meant to send and could not, because the in-flight cap held it back. */
    long shortfall() {
        return targetCommandsPerSecond == 0 ? 0 : Math.max(0, Math.round(targetCommandsPerSecond * seconds()) - sent(true));
    }

    long sent(boolean commands) {
        return labels.values().stream().filter(s -> s.command == commands).mapToLong(s -> s.sent.sum()).sum();
    }

    Map<String, PerLabel> labels() {
        return new TreeMap<>(labels);
    }

    /** Outcomes of commands or of reads, added over their labels. */
    Map<String, Long> outcomes(boolean commands) {
        Map<String, Long> total = new TreeMap<>();
        labels.values().stream().filter(s -> s.command == commands)
                .forEach(s -> s.outcomes.forEach((outcome, n) -> total.merge(outcome, n.sum(), Long::sum)));
        return total;
    }

    Map<String, Long> problems() {
        Map<String, Long> total = new TreeMap<>();
        problems.forEach((problem, n) -> total.put(problem, n.sum()));
        return total;
    }

    Histogram toTopicPage() {
        return toTopicPage;
    }

    Histogram toStream() {
        return toStream;
    }

    long probes() {
        return probes.sum();
    }

    long probesRefused() {
        return probesRefused.sum();
    }

    long unseenOnTopicPage() {
        return unseenOnTopicPage.sum();
    }

    long unseenOnStream() {
        return unseenOnStream.sum();
    }

    OptionalDouble catchUpSeconds() {
        return catchUpSeconds;
    }

    /** Latencies of all commands, or of all reads. */
    Histogram latency(boolean commands) {
        Histogram total = histogram();
        labels.values().stream().filter(s -> s.command == commands).forEach(s -> total.add(s.latency));
        return total;
    }
}
