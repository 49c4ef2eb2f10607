package io.jiebang.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void aPreviousResultAppearsBesideThisOne(@TempDir Path dir) throws Exception {
        StepStats step = new StepStats("100 commands/s", 100);
        step.window(0, 1_000_000_000L);
        Call report = Call.of(Mix.Operation.REPORT_PROGRESS.label(), true, HttpRequest.newBuilder(URI.create("http://x/")).build());
        for (int i = 0; i < 50; i++) {
            step.sent(report);
            step.answered(report, 0, 20_000_000L, new Answer(201, "{}", null));
        }
        Report first = report(step);
        Path before = dir.resolve("result.json");
        Files.writeString(before, first.json());

        Map<String, Double> figures = Report.figuresOf(before);
        assertThat(figures).containsEntry("step.100.commandsOkPerSecond", 50.0).containsEntry("step.100.commandsNotSent", 50.0);
        String markdown = report(step).markdown(figures);
        assertThat(markdown).contains("| figure | unit | before | after |")
                .contains("| 100 commands/s: 2xx commands/s | commands/s | 50 | 50 |");
    }

    @Test
    void theDocsSectionIsReplacedBetweenItsMarkersOnly() {
        String doc = "intro\n" + Report.DOCS_START + "\nold table\n" + Report.DOCS_END + "\nafter\n";
        assertThat(Report.replaceSection(doc, "new table\n"))
                .isEqualTo("intro\n" + Report.DOCS_START + "\nnew table\n" + Report.DOCS_END + "\nafter\n");
        assertThatThrownBy(() -> Report.replaceSection("no markers", "x")).isInstanceOf(IllegalStateException.class);
    }

    private static Report report(StepStats step) {
        BenchConfig config = new BenchConfig(Duration.ZERO, List.of(100), Duration.ofSeconds(1), 10, 4, Duration.ofSeconds(1),
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, null, false);
        Report.Run run = new Report.Run("2026-01-01T00:00:00Z", "0123456789abcdef", false, "embedded", "embedded", 60, config, 4);
        return new Report(run, List.of(step), List.of(), Map.of(), Map.of());
    }
}
