package io.jiebang.topic.application;

import io.jiebang.platform.command.Answers;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.command.Ids;
import io.jiebang.platform.command.Outcome;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.topic.domain.TopicDraft;
import java.time.Clock;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Staff of an organisation draft topics into an open batch and publish them. */
@Service
public class TopicUseCases {

    private final CommandExecutor executor;
    private final Answers answers;
    private final Clock clock;

    public TopicUseCases(CommandExecutor executor, Answers answers, Clock clock) {
        this.executor = executor;
        this.answers = answers;
        this.clock = clock;
    }

    public record Created(String id, String status) {
    }

    /** Drafts the topic, or with {@code publish} posts and publishes it in one commit. */
    public Mono<Outcome> post(CommandMeta meta, TopicDraft draft, boolean publish) {
        String posterId = meta.actor().orgId();
        if (posterId == null) {
            return Mono.error(Rejection.forbidden("not-staff", "only staff of a registered organisation post topics"));
        }
        String id = Ids.next("t");
        return Mono.zip(executor.readFor(meta.actor(), TopicStreams.ORGANISATIONS, posterId),
                        executor.readFor(meta.actor(), TopicStreams.BATCHES, draft.batchId()),
                        executor.read(TopicStreams.CATEGORIES, draft.category()))
                .flatMap(context -> executor.execute(TopicStreams.TOPICS, id, meta,
                        answers.created(location(id), new Created(id, publish ? "OPEN" : "DRAFT")),
                        topic -> publish
                                ? topic.postPublished(meta.actor(), draft, context.getT1(), context.getT2(), context.getT3(),
                                clock.instant())
                                : topic.post(meta.actor(), draft, context.getT1(), context.getT2(), context.getT3(),
                                clock.instant())));
    }

    public Mono<Outcome> publish(CommandMeta meta, String topicId) {
        return executor.readFor(meta.actor(), TopicStreams.TOPICS, topicId)
                .flatMap(topic -> topic.exists()
                        ? executor.readFor(meta.actor(), TopicStreams.BATCHES, topic.batchId())
                        : Mono.error(Rejection.notFound("topic-not-found", "no topic {0}", topicId)))
                .flatMap(batch -> executor.execute(TopicStreams.TOPICS, topicId, meta,
                        answers.accepted(location(topicId), new Created(topicId, "OPEN")),
                        topic -> topic.publish(meta.actor(), batch)));
    }

    private static String location(String id) {
        return "/api/topics/" + id;
    }
}
