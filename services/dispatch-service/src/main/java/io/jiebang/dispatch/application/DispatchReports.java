package io.jiebang.dispatch.application;

import io.jiebang.dispatch.domain.Assignment;
import io.jiebang.dispatch.domain.BatchRules;
import io.jiebang.events.Actor;
import io.jiebang.events.dispatch.ReportingPeriodClosed.OrganisationProgress;
import io.jiebang.events.dispatch.ReportingPeriodClosed.TopicLine;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.StreamSets;
import io.jiebang.platform.domain.BatchSet;
import io.jiebang.platform.domain.Rejection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The dispatch report of a batch: progress by organisation, overdue and escalated topics — asked for by the
 * coordinator now, or counted at each reporting period's end for its digest ({@link ScheduleCheck}).
 */
@Service
public class DispatchReports {

    private final StreamSets sets;
    private final CommandExecutor executor;
    private final Clock clock;

    public DispatchReports(StreamSets sets, CommandExecutor executor, Clock clock) {
        this.sets = sets;
        this.executor = executor;
        this.clock = clock;
    }

    public record Report(String batchId, Instant generatedAt, List<OrganisationProgress> organisations,
                         List<TopicLine> overdue, List<TopicLine> escalated) {
    }

    /** The coordinator's report: checked here, not only hidden in the console (docs/security.md). */
    public Mono<Report> forBatch(String batchId, Actor reader) {
        if (!reader.isCoordinator()) {
            return Mono.error(Rejection.forbidden("coordinator-only-report", "only the coordinator reads the dispatch report"));
        }
        return executor.requireReadable(reader, DispatchStreams.BATCHES, batchId).then(count(batchId, clock.instant()))
                .map(counted -> new Report(batchId, counted.countedAt(), counted.organisations(),
                counted.overdue(), counted.escalated()));
    }

    /** The batch's topics counted at {@code now}. */
    public Mono<BatchRules.Counted> count(String batchId, Instant now) {
        return sets.read(DispatchStreams.TOPICS, BatchSet.of(batchId))
                .filter(a -> batchId.equals(a.batchId()) && a.leadOrgId() != null)
                .collectList()
                .map(assignments -> count(now, assignments));
    }

    private static BatchRules.Counted count(Instant now, List<Assignment> assignments) {
        Map<String, List<Assignment>> byLead = new TreeMap<>();
        assignments.stream().filter(a -> a.leadOrgId() != null)
                .forEach(a -> byLead.computeIfAbsent(a.leadOrgId(), k -> new ArrayList<>()).add(a));
        List<OrganisationProgress> organisations = byLead.entrySet().stream().map(e -> {
            List<Assignment> led = e.getValue();
            int[] percents = led.stream().filter(a -> a.latestPercent() != null).mapToInt(Assignment::latestPercent).toArray();
            return new OrganisationProgress(e.getKey(), count(led, Assignment.Phase.WORKING),
                    count(led, Assignment.Phase.AWAITING_VERDICT), count(led, Assignment.Phase.DONE),
                    percents.length == 0 ? null : (int) Math.round(Arrays.stream(percents).average().orElse(0)),
                    led.stream().mapToInt(Assignment::reports).sum(),
                    (int) led.stream().filter(a -> isOverdue(a, now)).count(),
                    (int) led.stream().filter(a -> a.teamLevel() > 0).count());
        }).toList();
        List<TopicLine> overdue = assignments.stream().filter(a -> isOverdue(a, now)).map(DispatchReports::line)
                .sorted(Comparator.comparing(TopicLine::dueDate)).toList();
        List<TopicLine> escalated = assignments.stream().filter(a -> a.openLevel() > 0).map(DispatchReports::line)
                .sorted(Comparator.comparing(TopicLine::escalationLevel).reversed().thenComparing(TopicLine::topicId)).toList();
        return new BatchRules.Counted(now, organisations, overdue, escalated);
    }

    private static boolean isOverdue(Assignment a, Instant now) {
        return a.leadOrgId() != null && a.phase() != Assignment.Phase.DONE && now.isAfter(a.dueDate());
    }

    private static int count(List<Assignment> led, Assignment.Phase phase) {
        return (int) led.stream().filter(a -> a.phase() == phase).count();
    }

    private static TopicLine line(Assignment a) {
        return new TopicLine(a.topicId(), a.title(), a.leadOrgId(), a.dueDate(), a.latestPercent(), a.lastActivity(), a.openLevel());
    }
}
