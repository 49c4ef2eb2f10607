package io.jiebang.console.web;

import io.jiebang.console.application.AttachmentUseCases;
import io.jiebang.console.application.AttachmentView;
import io.jiebang.events.Actor;
import io.jiebang.platform.domain.Rejection;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Files attached to topics: sent as {@code multipart/form-data} (fields {@code file} and {@code part}), listed per
 * topic, and served, with their thumbnails, only to those who may read the topic (docs/attachments.md).
 */
@RestController
public class AttachmentController {

    private final AttachmentUseCases attachments;

    public AttachmentController(AttachmentUseCases attachments) {
        this.attachments = attachments;
    }

    /** 201 with the new attachment; 200 with the one there was when the same file was attached to the part before. */
    @PostMapping("/api/topics/{topicId}/attachments")
    public Mono<ResponseEntity<AttachmentView>> attach(@PathVariable String topicId, ServerWebExchange exchange, Actor actor) {
        return exchange.getMultipartData()
                .onErrorMap(DataBufferLimitException.class, e -> AttachmentUseCases.tooLarge(null, attachments.maxBytes()))
                .flatMap(form -> {
                    if (!(form.getFirst("file") instanceof FilePart file)) {
                        return Mono.error(Rejection.invalid("file", "attachment-file-missing",
                                "send the file as the form field named file"));
                    }
                    String part = form.getFirst("part") instanceof FormFieldPart field ? field.value() : null;
                    return content(file).flatMap(bytes -> attachments.attach(topicId, part, file.filename(), bytes, actor));
                })
                .map(stored -> ResponseEntity.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .location(exchange.getRequest().getURI().resolve(stored.attachment().url()))
                        .body(stored.attachment()));
    }

    private Mono<byte[]> content(FilePart file) {
        return DataBufferUtils.join(file.content(), (int) Math.min(Integer.MAX_VALUE - 1, attachments.maxBytes() + 1))
                .onErrorMap(DataBufferLimitException.class, e -> AttachmentUseCases.tooLarge(file.filename(), attachments.maxBytes()))
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0]);
    }

    @GetMapping("/api/topics/{topicId}/attachments")
    public Flux<AttachmentView> ofTopic(@PathVariable String topicId, Actor reader) {
        return attachments.ofTopic(topicId, reader);
    }

    /** The file itself, as a download of its type told by content, never sniffed by the browser. */
    @GetMapping("/api/attachments/{id}")
    public Mono<ResponseEntity<Flux<DataBuffer>>> content(@PathVariable String id, Actor reader) {
        return attachments.attachment(id, reader).zipWhen(found -> attachments.content(id, reader)).map(found ->
                ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(found.getT1().contentType()))
                        .contentLength(found.getT1().size())
                        .eTag(found.getT1().sha256())
                        .cacheControl(CacheControl.noCache().cachePrivate())
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment().filename(found.getT1().name(), StandardCharsets.UTF_8).build().toString())
                        .header("X-Content-Type-Options", "nosniff")
                        .body(found.getT2().map(DefaultDataBufferFactory.sharedInstance::wrap)));
    }

    @GetMapping("/api/attachments/{id}/thumbnail")
    public Mono<ResponseEntity<byte[]>> thumbnail(@PathVariable String id, Actor reader) {
        return attachments.thumbnail(id, reader).map(jpeg -> ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                .cacheControl(CacheControl.noCache().cachePrivate()).header("X-Content-Type-Options", "nosniff").body(jpeg));
    }
}
