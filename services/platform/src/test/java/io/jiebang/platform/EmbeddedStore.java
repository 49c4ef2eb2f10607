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

    public EmbeddedStore() {
        this.client = MongoClients.create(server.bindAndGetConnectionString());
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
