package io.jiebang.platform;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.util.UUID;

/** The same MongoDB-wire store the stack runs (H2 backend), in this JVM, reached over the wire by the real driver. */
public final class EmbeddedStore implements AutoCloseable {

    private final MongoServer server = new MongoServer(H2Backend.inMemory());
    private final MongoClient client;
    private final String uri;

    public EmbeddedStore() {
        this.uri = server.bindAndGetConnectionString();
        this.client = MongoClients.create(uri);
    }

    /** For a client of its own, e.g. the synchronous one the scheduler's lock takes. */
    public String uri() {
        return uri;
    }

    public MongoDatabase freshDatabase() {
        return client.getDatabase("test-" + UUID.randomUUID());
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
