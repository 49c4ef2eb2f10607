package io.jiebang.dispatch.application;

import io.jiebang.platform.command.Answers;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.command.Ids;
import io.jiebang.platform.command.Outcome;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The awarded team reports progress (办理), fed back to the poster. */
@Service
public class ProgressUseCases {

    private final CommandExecutor executor;
    private final Answers answers;

    public ProgressUseCases(CommandExecutor executor, Answers answers) {
        this.executor = executor;
        this.answers = answers;
    }

    public record Reported(String id, String topicId) {
    }

    public Mono<Outcome> report(CommandMeta meta, String topicId, int percent, String note, String milestone) {
        String reportId = Ids.next("p");
        return executor.execute(DispatchStreams.TOPICS, topicId, meta,
                answers.created("/api/topics/" + topicId + "/progress/" + reportId, new Reported(reportId, topicId)),
                assignment -> assignment.report(meta.actor(), reportId, percent, note, milestone));
    }
}
