package io.jiebang.console.application;

import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The console's store of attached files: their content, their thumbnails and which topic has which. */
public interface Attachments {

    /** Whether the attachment was stored now or had been already (the same file on the same part, sent again). */
    record Stored(AttachmentView attachment, boolean created) {
    }

    /**
     * Stores a file once: a second store of an attachment with the same id keeps the first and answers it, whoever
     * wins a race between two of them.
     */
    Mono<Stored> store(AttachmentView attachment, byte[] content, byte[] thumbnail);

    Mono<AttachmentView> attachment(String id);

    /** The topic's attachments, in the order they were attached. */
    Flux<AttachmentView> ofTopic(String topicId);

    /** How many attachments the topic has. */
    Mono<Integer> count(String topicId);

    Flux<ByteBuffer> content(String id);

    Mono<byte[]> thumbnail(String id);
}
