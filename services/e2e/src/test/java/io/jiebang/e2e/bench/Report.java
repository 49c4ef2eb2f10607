package io.jiebang.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's figures: {@code target/bench/result.json} (every figure named, with its unit, and the detail
 * behind it) and {@code target/bench/result.md} (the same as tables). Each table row names figures; given a
 * previous result.json, its values for the same names appear in a "before" column beside this run's.
 */
final class Report {

    static final String DOCS_START = "<!-- bench:start -->";
    static final String DOCS_END = "<!-- bench:end -->";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double[] PERCENTILES = {50, 99, 99.9};

    /** One named figure; NaN when there was nothing to measure. */
    record Figure(String name, double value, String unit) {
    }

    /** A table row: the figures it shows, side by side ("p50 / p99"). */
    private record Row(String label, String unit, List<String> figures) {
    }

    /** Where and what was run: the metadata of result.json. */
    record Run(String date, String gitCommit, boolean gitDirty, String store, String broker, double startupSeconds,
               BenchConfig config, int inFlightOfSaturation) {
    }

    private final Run run;
    private final List<StepStats> steps;
    private final List<Baselines.Measured> baselines;
    private final Map<String, Processes.Resident> idle;
    private final Map<String, Processes.Resident> loaded;
    private final Map<String, Figure> figures = new LinkedHashMap<>();

    Report(Run run, List<StepStats> steps, List<Baselines.Measured> baselines, Map<String, Processes.Resident> idle,
           Map<String, Processes.Resident> loaded) {
        this.run = run;
        this.steps = steps;
        this.baselines = baselines;
        this.idle = idle;
        this.loaded = loaded;
        collectFigures();
    }

    private void collectFigures() {
        figure("startup", run.startupSeconds(), "s");
        figure("saturation.commandsOkPerSecond", steps.stream().mapToDouble(StepStats::commandsOkPerSecond).max().orElse(Double.NaN),
                "commands/s");
        figure("heldRate", steps.stream().filter(s -> s.targetCommandsPerSecond() > 0 && held(s))
                .mapToDouble(StepStats::targetCommandsPerSecond).max().orElse(0), "commands/s");
        for (StepStats step : steps) {
            String p = "step." + key(step) + ".";
            figure(p + "commandsOkPerSecond", step.commandsOkPerSecond(), "commands/s");
            figure(p + "commandsSent", step.sent(true), "commands");
            figure(p + "commandsNotSent", step.shortfall(), "commands");
            figure(p + "readsSent", step.sent(false), "requests");
            figure(p + "answersNot2xx", notOk(step, true) + notOk(step, false), "answers");
            figure(p + "noAnswer", errors(step, true) + errors(step, false), "requests");
            percentiles(p + "commands", step.latency(true));
            percentiles(p + "reads", step.latency(false));
            step.labels().forEach((label, stats) -> percentiles(p + label, stats.latency));
            percentiles(p + "propagation.topicPage", step.toTopicPage());
            percentiles(p + "propagation.stream", step.toStream());
            figure(p + "propagation.probes", step.probes() - step.probesRefused(), "probes");
            figure(p + "propagation.unseenTopicPage", step.unseenOnTopicPage(), "probes");
            figure(p + "propagation.unseenStream", step.unseenOnStream(), "probes");
            figure(p + "propagation.probesRefused", step.probesRefused(), "probes");
            figure(p + "catchUp", step.catchUpSeconds().orElse(Double.NaN), "s");
            step.cores().forEach((process, cores) -> figure(p + "cpu." + process, cores, "cores"));
        }
        for (Baselines.Measured baseline : baselines) {
            String p = "baseline." + baseline.name() + ".";
            figure(p + "perSecond", baseline.perSecond(), "operations/s");
            figure(p + "failures", baseline.failures(), "operations");
            percentiles(p + "latency", baseline.latency());
        }
        figure("baseline.gatewayOverhead.p50", value("baseline.http-gateway.latency.p50") / value("baseline.http-direct.latency.p50"), "×");
        figure("baseline.gatewayOverhead.perSecond", value("baseline.http-direct.perSecond") / value("baseline.http-gateway.perSecond"), "×");
        idle.forEach((process, resident) -> {
            figure("memory." + process + ".idle", resident.now(), "MiB");
            figure("memory." + process + ".peak", loaded.getOrDefault(process, resident).peak(), "MiB");
        });
    }

    /** A step held its rate if its 2xx commands came to 95 % of the target and nothing was left unsent. */
    private static boolean held(StepStats step) {
        return step.commandsOkPerSecond() >= 0.95 * step.targetCommandsPerSecond() && step.shortfall() == 0;
    }

    private void percentiles(String prefix, Histogram latency) {
        for (double percentile : PERCENTILES) {
            figure(prefix + ".p" + trim(percentile), latency.getTotalCount() == 0 ? Double.NaN
                    : latency.getValueAtPercentile(percentile) / 1000.0, "ms");
        }
    }

    private void figure(String name, double value, String unit) {
        figures.put(name, new Figure(name, value, unit));
    }

    private double value(String name) {
        Figure figure = figures.get(name);
        return figure == null ? Double.NaN : figure.value();
    }

    private static long notOk(StepStats step, boolean commands) {
        return step.outcomes(commands).entrySet().stream()
                .filter(e -> Character.isDigit(e.getKey().charAt(0)) && !e.getKey().startsWith("2"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static long errors(StepStats step, boolean commands) {
        return step.outcomes(commands).entrySet().stream().filter(e -> !Character.isDigit(e.getKey().charAt(0)))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static String key(StepStats step) {
        return step.targetCommandsPerSecond() > 0 ? trim(step.targetCommandsPerSecond()) : "saturation";
    }

    // result.json

    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("date", run.date());
        root.put("gitCommit", run.gitCommit());
        root.put("gitDirty", run.gitDirty());
        root.put("store", run.store());
        root.put("broker", run.broker());
        root.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version")));
        root.put("config", config());
        root.put("mix", Arrays.stream(Mix.Operation.values()).collect(Collectors.toMap(Mix.Operation::label,
                Mix.Operation::weight, (a, b) -> a, LinkedHashMap::new)));
        root.put("figures", figures.values().stream().map(f -> {
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("name", f.name());
            figure.put("value", Double.isNaN(f.value()) || Double.isInfinite(f.value()) ? null : f.value());
            figure.put("unit", f.unit());
            return figure;
        }).toList());
        root.put("steps", steps.stream().map(Report::stepDetail).toList());
        root.put("baselines", baselines.stream().map(b -> Map.of("name", b.name(), "what", b.what())).toList());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private Map<String, Object> config() {
        BenchConfig c = run.config();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ratesCommandsPerSecond", c.rates());
        config.put("stepSeconds", c.stepDuration().toSeconds());
        config.put("inFlightCap", c.inFlightCap());
        config.put("saturationInFlight", c.saturationInFlight());
        config.put("requestTimeoutSeconds", c.requestTimeout().toSeconds());
        config.put("probeIntervalMillis", c.probeInterval().toMillis());
        config.put("catchUpPatienceSeconds", c.catchUpPatience().toSeconds());
        config.put("baselineSeconds", c.baselineDuration().toSeconds());
        config.put("baselineCallers", c.baselineCallers());
        return config;
    }

    /** What the figures do not hold: every outcome and problem per operation, and the substitutions. */
    private static Map<String, Object> stepDetail(StepStats step) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", step.name());
        detail.put("key", key(step));
        detail.put("targetCommandsPerSecond", step.targetCommandsPerSecond());
        detail.put("seconds", step.seconds());
        Map<String, Object> operations = new LinkedHashMap<>();
        step.labels().forEach((label, stats) -> {
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("command", stats.command);
            operation.put("sent", stats.sent.sum());
            operation.put("replacedWhenNoTopicWasReady", stats.substitutions.sum());
            operation.put("outcomes", new java.util.TreeMap<>(stats.outcomes.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()))));
            operations.put(label, operation);
        });
        detail.put("operations", operations);
        detail.put("problems", step.problems());
        return detail;
    }

    // result.md

    String markdown(Map<String, Double> before) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "`make bench` of %s, commit `%s`%s, store %s, broker %s, %d cores.%n%n",
                run.date(), run.gitCommit().substring(0, Math.min(10, run.gitCommit().length())),
                run.gitDirty() ? " with uncommitted changes" : "", run.store(), run.broker(), Runtime.getRuntime().availableProcessors()));
        md.append(table("Headline", before, List.of(
                new Row("saturation: the most 2xx commands/s of any step", "commands/s", List.of("saturation.commandsOkPerSecond")),
                new Row("highest constant rate held (95 % of it answered 2xx, nothing unsent)", "commands/s", List.of("heldRate")),
                new Row("stack start to healthy", "s", List.of("startup")))));
        md.append(table("Throughput and latency (latency from each request's intended send time)", before,
                steps.stream().flatMap(this::loadRows).toList()));
        md.append(table("Read side: from a command's 2xx answer until it shows", before,
                steps.stream().flatMap(this::readSideRows).toList()));
        md.append(table("Baselines on the same machine, in the same run", before, baselineRows()));
        md.append(table("Resident memory (MiB): after the seed / peak", before, idle.keySet().stream()
                .map(p -> new Row(p, "MiB", List.of("memory." + p + ".idle", "memory." + p + ".peak"))).toList()));
        md.append(byOperation());
        md.append(cpu());
        md.append(answers());
        return md.toString();
    }

    private String stepLabel(StepStats step) {
        return step.targetCommandsPerSecond() > 0 ? trim(step.targetCommandsPerSecond()) + " commands/s"
                : "saturation, " + run.inFlightOfSaturation() + " under way";
    }

    private Stream<Row> loadRows(StepStats step) {
        String p = "step." + key(step) + ".";
        String s = stepLabel(step);
        return Stream.of(
                new Row(s + ": 2xx commands/s", "commands/s", List.of(p + "commandsOkPerSecond")),
                new Row(s + ": commands sent / not sent (cap held)", "commands", List.of(p + "commandsSent", p + "commandsNotSent")),
                new Row(s + ": answers not 2xx / no answer", "requests", List.of(p + "answersNot2xx", p + "noAnswer")),
                new Row(s + ": commands p50 / p99 / p99.9", "ms", names(p + "commands")),
                new Row(s + ": reads p50 / p99 / p99.9", "ms", names(p + "reads")));
    }

    private Stream<Row> readSideRows(StepStats step) {
        String p = "step." + key(step) + ".propagation.";
        String s = stepLabel(step);
        return Stream.of(
                new Row(s + ": on the topic page (GET, polled 25 ms) p50 / p99", "ms", List.of(p + "topicPage.p50", p + "topicPage.p99")),
                new Row(s + ": on the stream (SSE) p50 / p99", "ms", List.of(p + "stream.p50", p + "stream.p99")),
                new Row(s + ": probes accepted / refused or failed / not seen in " + run.config().requestTimeout().toSeconds()
                        + " s on page / on stream", "probes", List.of(p + "probes", p + "probesRefused", p + "unseenTopicPage", p + "unseenStream")),
                new Row(s + ": read side caught up, after the step", "s", List.of("step." + key(step) + ".catchUp")));
    }

    private List<Row> baselineRows() {
        List<Row> rows = new ArrayList<>();
        for (Baselines.Measured baseline : baselines) {
            String p = "baseline." + baseline.name() + ".";
            rows.add(new Row(baseline.what() + ": per second / failures", "operations/s", List.of(p + "perSecond", p + "failures")));
            rows.add(new Row(baseline.what() + ": p50 / p99 / p99.9", "ms", names(p + "latency")));
        }
        rows.add(new Row("gateway ÷ direct: p50 latency / direct ÷ gateway: per second", "×",
                List.of("baseline.gatewayOverhead.p50", "baseline.gatewayOverhead.perSecond")));
        return rows;
    }

    private static List<String> names(String prefix) {
        return Arrays.stream(PERCENTILES).mapToObj(p -> prefix + ".p" + trim(p)).toList();
    }

    private String table(String title, Map<String, Double> before, List<Row> rows) {
        StringBuilder md = new StringBuilder("#### ").append(title).append("\n\n");
        md.append(before == null ? "| figure | unit | value |\n|---|---|---|\n" : "| figure | unit | before | after |\n|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.label()).append(" | ").append(row.unit()).append(" | ");
            if (before != null) {
                md.append(row.figures().stream().map(n -> format(before.getOrDefault(n, Double.NaN))).collect(Collectors.joining(" / ")))
                        .append(" | ");
            }
            md.append(row.figures().stream().map(n -> format(value(n))).collect(Collectors.joining(" / "))).append(" |\n");
        }
        return md.append('\n').toString();
    }

    /** Latency per operation and step, this run only: the detail behind the totals. */
    private String byOperation() {
        StringBuilder md = new StringBuilder("#### Latency by operation, p50 / p99 (ms); ✱ stood in for when no topic was ready\n\n| operation |");
        steps.forEach(step -> md.append(' ').append(stepLabel(step)).append(" |"));
        md.append("\n|---|").append("---|".repeat(steps.size())).append('\n');
        for (Mix.Operation operation : Mix.Operation.values()) {
            md.append("| ").append(operation.label()).append(" |");
            for (StepStats step : steps) {
                String p = "step." + key(step) + "." + operation.label();
                StepStats.PerLabel stats = step.labels().get(operation.label());
                boolean substituted = stats != null && stats.substitutions.sum() > 0;
                md.append(' ').append(format(value(p + ".p50"))).append(" / ").append(format(value(p + ".p99")))
                        .append(substituted ? " ✱" + stats.substitutions.sum() : "").append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    /** Which process a step kept busy: the bottleneck is the one near a whole core (or all of them together near the machine's). */
    private String cpu() {
        StringBuilder md = new StringBuilder("#### CPU by process, cores busy on average during the step (the machine has ")
                .append(Runtime.getRuntime().availableProcessors()).append(")\n\n| process |");
        steps.forEach(step -> md.append(' ').append(stepLabel(step)).append(" |"));
        md.append("\n|---|").append("---|".repeat(steps.size())).append('\n');
        for (String process : idle.keySet()) {
            md.append("| ").append(process).append(" |");
            steps.forEach(step -> md.append(' ').append(format(value("step." + key(step) + ".cpu." + process))).append(" |"));
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    /** Every status code and error per step, and the problems behind the refusals. */
    private String answers() {
        StringBuilder md = new StringBuilder("#### Answers by step\n\n| step | commands | reads | problems |\n|---|---|---|---|\n");
        for (StepStats step : steps) {
            md.append("| ").append(stepLabel(step)).append(" | ").append(counts(step.outcomes(true))).append(" | ")
                    .append(counts(step.outcomes(false))).append(" | ").append(counts(step.problems())).append(" |\n");
        }
        return md.append('\n').toString();
    }

    private static String counts(Map<String, Long> counts) {
        return counts.isEmpty() ? "–" : counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String trim(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }

    // files

    /** Writes result.json and result.md under target/bench, and, if asked, the marked section of docs/performance.md. */
    Path write(Path home) throws IOException {
        Path dir = home.resolve("target").resolve("bench");
        Files.createDirectories(dir);
        Map<String, Double> before = run.config().before() == null ? null : figuresOf(run.config().before());
        String markdown = markdown(before);
        Files.writeString(dir.resolve("result.json"), json());
        Files.writeString(dir.resolve("result.md"), markdown);
        if (run.config().writeDocs()) {
            Path docs = home.resolve("docs").resolve("performance.md");
            Files.writeString(docs, replaceSection(Files.readString(docs), markdown));
        }
        Benchmark.log("wrote %s and result.md%s", dir.resolve("result.json"), run.config().writeDocs() ? " and docs/performance.md" : "");
        return dir.resolve("result.json");
    }

    static Map<String, Double> figuresOf(Path resultJson) throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        for (JsonNode figure : JSON.readTree(Files.readString(resultJson)).path("figures")) {
            JsonNode value = figure.get("value");
            values.put(figure.get("name").asString(), value == null || value.isNull() ? Double.NaN : value.asDouble());
        }
        return values;
    }

    static String replaceSection(String document, String section) {
        int start = document.indexOf(DOCS_START);
        int end = document.indexOf(DOCS_END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("docs/performance.md has no " + DOCS_START + " … " + DOCS_END + " section");
        }
        return document.substring(0, start + DOCS_START.length()) + "\n" + section + document.substring(end);
    }
}
