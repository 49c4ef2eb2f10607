package io.jiebang.platform.time;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * Where the scheduler's lock lives: the service's own database, collection {@code shedLock}. ShedLock's MongoDB
 * provider takes the synchronous driver, so this holds a small client of its own beside the reactive one.
 */
public class SchedulerLockStore implements AutoCloseable {

    private final MongoClient client;
    private final String database;

    public SchedulerLockStore(String uri, String database) {
        this.client = MongoClients.create(uri);
        this.database = database;
    }

    public MongoCollection<Document> collection() {
        return client.getDatabase(database).getCollection("shedLock");
    }

    @Override
    public void close() {
        client.close();
    }
}
