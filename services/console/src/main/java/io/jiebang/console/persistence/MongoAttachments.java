package io.jiebang.console.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;
import io.jiebang.console.application.Attachments;
import io.jiebang.console.application.AttachmentView;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Attachments in the console's store: the content in GridFS (bucket {@code attachment-files}, so any MongoDB holds
 * files of any size, in chunks), one document per attachment in {@code attachments} ({@code _id} = the attachment's id,
 * its description, the GridFS {@code fileId} and the thumbnail, small enough to keep inline), and one per topic in
 * {@code topic-attachments} ({@code _id} = the topic's id, {@code ids} in the order attached). Every read is by
 * {@code _id}, but GridFS's of the chunks, by their file's id and number (its index declared at start).
 * <p>The content goes first, under a new file id; the attachment's document is then inserted. Its {@code _id} is
 * derived from the topic, the part and the content, so a second store of the same file fails on the duplicate: it
 * then deletes its own copy of the content and answers the first. The topic's list is written last, by
 * {@code $addToSet}, also when the attachment was there already, so a store interrupted before it is completed by
 * the next try. Content stored by a process killed before its document was written stays unreferenced.
 */
@Repository
public class MongoAttachments implements Attachments {

    private final GridFSBucket files;
    private final MongoCollection<Document> attachments;
    private final MongoCollection<Document> topics;

    public MongoAttachments(ReactiveMongoDatabaseFactory databases) {
        MongoDatabase database = databases.getMongoDatabase().block(Duration.ofSeconds(30));
        this.files = GridFSBuckets.create(database, "attachment-files");
        this.attachments = database.getCollection("attachments");
        this.topics = database.getCollection("topic-attachments");
        // GridFS's own indexes, which the driver makes only on the first upload into an empty bucket: declared here
        // too, so a bucket restored from a backup (documents only) reads its chunks by index again.
        Mono.from(database.getCollection("attachment-files.chunks").createIndex(Indexes.ascending("files_id", "n"),
                        new IndexOptions().unique(true)))
                .then(Mono.from(database.getCollection("attachment-files.files").createIndex(
                        Indexes.ascending("filename", "uploadDate"))))
                .block(Duration.ofSeconds(30));
    }

    @Override
    public Mono<Stored> store(AttachmentView attachment, byte[] content, byte[] thumbnail) {
        return attachment(attachment.id()).map(existing -> new Stored(existing, false))
                .switchIfEmpty(Mono.defer(() -> storeNew(attachment, content, thumbnail)))
                .flatMap(stored -> Mono.from(topics.updateOne(Filters.eq("_id", stored.attachment().topicId()),
                        Updates.addToSet("ids", stored.attachment().id()), new UpdateOptions().upsert(true)))
                        .thenReturn(stored));
    }

    private Mono<Stored> storeNew(AttachmentView attachment, byte[] content, byte[] thumbnail) {
        ObjectId fileId = new ObjectId();
        GridFSUploadOptions options = new GridFSUploadOptions()
                .metadata(new Document("attachmentId", attachment.id()).append("contentType", attachment.contentType()));
        Document document = document(attachment).append("fileId", fileId);
        if (thumbnail != null) {
            document.append("thumbnailJpeg", new Binary(thumbnail));
        }
        return Mono.from(files.uploadFromPublisher(new BsonObjectId(fileId), attachment.name(),
                        Mono.fromSupplier(() -> ByteBuffer.wrap(content)), options))
                .then(Mono.from(attachments.insertOne(document)))
                .thenReturn(new Stored(attachment, true))
                .onErrorResume(MongoAttachments::duplicate, e -> Mono.from(files.delete(new BsonObjectId(fileId)))
                        .then(attachment(attachment.id())).map(first -> new Stored(first, false)));
    }

    private static boolean duplicate(Throwable e) {
        return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    @Override
    public Mono<AttachmentView> attachment(String id) {
        return Mono.from(attachments.find(Filters.eq("_id", id)).projection(Projections.exclude("thumbnailJpeg")).first())
                .map(MongoAttachments::view);
    }

    @Override
    public Flux<AttachmentView> ofTopic(String topicId) {
        return ids(topicId).flatMapMany(Flux::fromIterable).concatMap(this::attachment);
    }

    @Override
    public Mono<Integer> count(String topicId) {
        return ids(topicId).map(List::size).defaultIfEmpty(0);
    }

    private Mono<List<String>> ids(String topicId) {
        return Mono.from(topics.find(Filters.eq("_id", topicId)).first()).map(list -> list.getList("ids", String.class));
    }

    @Override
    public Flux<ByteBuffer> content(String id) {
        return Mono.from(attachments.find(Filters.eq("_id", id)).projection(Projections.include("fileId")).first())
                .flatMapMany(found -> files.downloadToPublisher(new BsonObjectId(found.getObjectId("fileId"))));
    }

    @Override
    public Mono<byte[]> thumbnail(String id) {
        return Mono.from(attachments.find(Filters.eq("_id", id)).projection(Projections.include("thumbnailJpeg")).first())
                .mapNotNull(found -> found.get("thumbnailJpeg", Binary.class)).map(Binary::getData);
    }

    private static Document document(AttachmentView a) {
        return new Document("_id", a.id()).append("topicId", a.topicId()).append("part", a.part().wire())
                .append("round", a.round()).append("name", a.name()).append("contentType", a.contentType())
                .append("size", a.size()).append("sha256", a.sha256()).append("thumbnail", a.thumbnail())
                .append("orgId", a.orgId()).append("userId", a.userId()).append("uploadedAt", Date.from(a.uploadedAt()));
    }

    private static AttachmentView view(Document d) {
        return new AttachmentView(d.getString("_id"), d.getString("topicId"), AttachmentView.Part.of(d.getString("part")),
                d.getInteger("round"), d.getString("name"), d.getString("contentType"), d.get("size", Number.class).longValue(),
                d.getString("sha256"), d.getBoolean("thumbnail", false), d.getString("orgId"), d.getString("userId"),
                d.getDate("uploadedAt").toInstant());
    }
}
