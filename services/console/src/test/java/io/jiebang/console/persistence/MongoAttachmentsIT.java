package io.jiebang.console.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.jiebang.console.application.AttachmentView;
import io.jiebang.console.application.Attachments;
import io.jiebang.testsupport.LocalInfrastructure;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.SimpleReactiveMongoDatabaseFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Attachments in the real store: content larger than a GridFS chunk comes back whole, and the same file stored by
 * two console instances at once is one attachment with one copy of its content.
 */
class MongoAttachmentsIT {

    static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(LocalInfrastructure.get().mongoUri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aFileStoredTwiceAtOnceIsOneAttachmentWithItsContentWhole() {
        String database = "attachments-" + UUID.randomUUID();
        MongoAttachments one = new MongoAttachments(new SimpleReactiveMongoDatabaseFactory(client, database));
        MongoAttachments other = new MongoAttachments(new SimpleReactiveMongoDatabaseFactory(client, database));
        byte[] content = new byte[700 * 1024]; // three chunks of 255 kB
        new Random(7).nextBytes(content);
        byte[] thumbnail = {1, 2, 3};

        for (int race = 0; race < 10; race++) {
            AttachmentView file = attachment("a-" + race, "t-1");
            List<Attachments.Stored> stored = Flux.just(one, other, one, other)
                    .flatMap(store -> store.store(file, content, thumbnail).subscribeOn(Schedulers.parallel()))
                    .collectList().block(Duration.ofSeconds(60));
            assertThat(stored).extracting(Attachments.Stored::created).containsOnlyOnce(true);
            assertThat(stored).extracting(Attachments.Stored::attachment).containsOnly(file);
        }
        AttachmentView second = attachment("b", "t-2");
        other.store(second, new byte[] {'x'}, null).block(Duration.ofSeconds(30));

        assertThat(one.ofTopic("t-1").map(AttachmentView::id).collectList().block())
                .containsExactly("a-0", "a-1", "a-2", "a-3", "a-4", "a-5", "a-6", "a-7", "a-8", "a-9");
        assertThat(one.count("t-2").block()).isEqualTo(1);
        assertThat(one.count("t-unknown").block()).isZero();
        assertThat(bytes(other.content("a-3"))).isEqualTo(content);
        assertThat(one.thumbnail("a-3").block()).isEqualTo(thumbnail);
        assertThat(one.thumbnail("b").blockOptional()).isEmpty();
        // One copy of each file's content: the losers' copies deleted.
        assertThat(Mono.from(client.getDatabase(database).getCollection("attachment-files.files")
                .countDocuments(Filters.exists("_id"))).block()).isEqualTo(11);
    }

    private static AttachmentView attachment(String id, String topicId) {
        return new AttachmentView(id, topicId, AttachmentView.Part.TOPIC, 1, "现场.png", "image/png", 700 * 1024,
                "ab", true, "street-01", "street-01", Instant.parse("2026-03-01T00:00:00Z"));
    }

    private static byte[] bytes(Flux<ByteBuffer> content) {
        return content.reduce(new java.io.ByteArrayOutputStream(), (out, buffer) -> {
            byte[] part = new byte[buffer.remaining()];
            buffer.get(part);
            out.writeBytes(part);
            return out;
        }).map(java.io.ByteArrayOutputStream::toByteArray).block(Duration.ofSeconds(30));
    }
}
