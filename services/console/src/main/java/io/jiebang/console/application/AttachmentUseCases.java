package io.jiebang.console.application;

import io.jiebang.console.application.AttachmentView.Part;
import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.Actor;
import io.jiebang.platform.Sha256;
import io.jiebang.platform.domain.Rejection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Files attached to topics (docs/attachments.md). Who may read an attachment is who may read its topic (ReadRules,
 * answered from the read model like every other read of a topic); who may attach is the poster to the topic, the team
 * to its progress and the lead to its resolution (the evidence of 销号), as long as that part is open.
 */
@Service
public class AttachmentUseCases {

    /** The statuses in which the team works on a topic, and so reports and resolves it. */
    private static final Set<TopicStatus> WORKING = EnumSet.of(TopicStatus.AWARDED, TopicStatus.IN_PROGRESS,
            TopicStatus.RESOLUTION_SUBMITTED, TopicStatus.REOPENED);
    private static final Set<TopicStatus> ENDED = EnumSet.of(TopicStatus.CLOSED, TopicStatus.CLOSED_UNRATED,
            TopicStatus.WITHDRAWN);

    /** A topic posted a moment ago may not be in the read model yet: it is waited for this long. */
    private static final Duration NEW_TOPIC_WAIT = Duration.ofSeconds(5);
    private static final int NAME_LENGTH = 200;

    private final Attachments attachments;
    private final BoardQueries board;
    private final BoardChanges changes;
    private final Clock clock;
    private final long maxBytes;
    private final int maxPerTopic;

    public AttachmentUseCases(Attachments attachments, BoardQueries board, BoardChanges changes, Clock clock,
                              @Value("${jiebang.attachments.max-size:10MB}") DataSize maxSize,
                              @Value("${jiebang.attachments.max-per-topic:30}") int maxPerTopic) {
        this.attachments = attachments;
        this.board = board;
        this.changes = changes;
        this.clock = clock;
        this.maxBytes = maxSize.toBytes();
        this.maxPerTopic = maxPerTopic;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The limit as the refusal words it. */
    public static Rejection tooLarge(String name, long maxBytes) {
        return Rejection.tooLarge("file", "attachment-too-large", "{0} is larger than {1} MB", name == null ? "" : name,
                maxBytes / (1024 * 1024));
    }

    /** Attaches a file to a part of the topic; the same file sent again to the same part is the same attachment. */
    public Mono<Attachments.Stored> attach(String topicId, String partName, String fileName, byte[] content, Actor actor) {
        return Mono.defer(() -> attachChecked(topicId, partName, fileName, content, actor));
    }

    private Mono<Attachments.Stored> attachChecked(String topicId, String partName, String fileName, byte[] content,
                                                   Actor actor) {
        Part part = partName == null || partName.isBlank() ? Part.TOPIC : Part.of(partName);
        if (part == null) {
            return Mono.error(Rejection.invalid("part", "attachment-part-unknown",
                    "part is topic, progress or resolution, not {0}", partName));
        }
        String name = name(fileName);
        if (content.length > maxBytes) {
            return Mono.error(tooLarge(name, maxBytes));
        }
        return board.topic(topicId, actor)
                .retryWhen(Retry.fixedDelay(NEW_TOPIC_WAIT.toMillis() / 250, Duration.ofMillis(250))
                        .filter(AttachmentUseCases::topicNotFound).onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .doOnNext(topic -> mayAttach(actor, topic, part))
                .flatMap(topic -> attachments.count(topicId).flatMap(count -> count >= maxPerTopic
                        ? Mono.error(Rejection.conflict("attachment-limit-reached", "a topic has at most {0} attachments",
                        maxPerTopic))
                        : Mono.fromCallable(() -> describe(topic, part, name, content, actor))
                        .subscribeOn(Schedulers.boundedElastic())))
                .flatMap(file -> attachments.store(file.attachment(), content, file.thumbnail())
                        .flatMap(stored -> stored.created() ? told(file.topic(), stored) : Mono.just(stored)));
    }

    /**
     * Tells open consoles that the topic changed, so its page shows the new file (a draft's only to those who may
     * see it). The file is kept whether or not this reaches them: a page also finds it at the topic's next change.
     */
    private Mono<Attachments.Stored> told(TopicView topic, Attachments.Stored stored) {
        BoardChange change = new BoardChange("topic", topic.id(), "AttachmentAdded", topic.status().name(),
                stored.attachment().uploadedAt(), topic.status() == TopicStatus.DRAFT ? topic.posterOrgId() : null, topic.district());
        return changes.publish(List.of(change)).onErrorResume(e -> Mono.empty()).thenReturn(stored);
    }

    private record Described(TopicView topic, AttachmentView attachment, byte[] thumbnail) {
    }

    /** Checks the content (its type, and an image's thumbnail: CPU work, off the event loop) and names the attachment. */
    private Described describe(TopicView topic, Part part, String name, byte[] content, Actor actor) {
        AttachmentFiles.Checked checked = AttachmentFiles.check(name, content);
        String sha256 = HexFormat.of().formatHex(Sha256.bytes(content));
        String id = HexFormat.of().formatHex(Sha256.bytes((topic.id() + '\n' + part.wire() + '\n' + topic.round() + '\n' + sha256)
                .getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        return new Described(topic, new AttachmentView(id, topic.id(), part, topic.round(), name, checked.contentType(),
                content.length, sha256, checked.thumbnail() != null, actor.orgId(), actor.userId(), clock.instant()),
                checked.thumbnail());
    }

    static void mayAttach(Actor actor, TopicView topic, Part part) {
        if (actor == null || actor.role() != Actor.Role.STAFF || actor.orgId() == null) {
            throw Rejection.forbidden("attachment-not-allowed", "only the staff of the organisations on a topic attach files to it");
        }
        boolean lead = actor.orgId().equals(topic.leadOrgId());
        switch (part) {
            case TOPIC -> {
                if (!actor.orgId().equals(topic.posterOrgId())) {
                    throw Rejection.forbidden("attachment-not-allowed-topic", "only the poster attaches files to the topic");
                }
            }
            case PROGRESS -> {
                if (!lead && !topic.coClaimantOrgIds().contains(actor.orgId())) {
                    throw Rejection.forbidden("attachment-not-allowed-progress",
                            "only the lead and its co-claimants attach files to the progress");
                }
            }
            case RESOLUTION -> {
                if (!lead) {
                    throw Rejection.forbidden("attachment-not-allowed-resolution", "only the lead attaches evidence to the resolution");
                }
            }
        }
        boolean open = part == Part.TOPIC ? !ENDED.contains(topic.status()) : WORKING.contains(topic.status());
        if (!open) {
            throw Rejection.conflict("attachment-part-closed", "no more files can be attached to the {0} of a topic that is {1}",
                    part.wire(), topic.status());
        }
    }

    private static boolean topicNotFound(Throwable e) {
        return e instanceof Rejection r && r.kind() == Rejection.Kind.NOT_FOUND;
    }

    /** The file's name without any folder, at most NAME_LENGTH characters. */
    private static String name(String fileName) {
        String name = fileName == null ? "" : fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty()) {
            throw Rejection.invalid("file", "attachment-file-missing", "send the file as the form field named file");
        }
        return name.length() <= NAME_LENGTH ? name : name.substring(name.length() - NAME_LENGTH);
    }

    /** The topic's attachments, for one who may read the topic. */
    public Flux<AttachmentView> ofTopic(String topicId, Actor reader) {
        return board.topic(topicId, reader).thenMany(attachments.ofTopic(topicId));
    }

    /** An attachment, for one who may read its topic; to anyone else it does not exist. */
    public Mono<AttachmentView> attachment(String id, Actor reader) {
        return attachments.attachment(id).flatMap(found -> board.topic(found.topicId(), reader).thenReturn(found)
                        .onErrorResume(AttachmentUseCases::topicNotFound, e -> Mono.empty()))
                .switchIfEmpty(Mono.error(() -> Rejection.notFound("attachment-not-found", "no attachment {0}", id)));
    }

    public Mono<Flux<ByteBuffer>> content(String id, Actor reader) {
        return attachment(id, reader).map(found -> attachments.content(id));
    }

    public Mono<byte[]> thumbnail(String id, Actor reader) {
        return attachment(id, reader).flatMap(found -> attachments.thumbnail(id))
                .switchIfEmpty(Mono.error(() -> Rejection.notFound("thumbnail-not-found", "attachment {0} has no thumbnail", id)));
    }
}
