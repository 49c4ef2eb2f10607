package io.jiebang.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded MongoDB-wire store ({@code de.bwaldvogel:mongo-java-server}) with its H2 file backend,
 * so data survives a restart. Runs in its own JVM: {@code MongoStore <dataFile> <port>}.
 */
public final class MongoStore {

    private MongoStore() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: MongoStore <dataFile> <port>");
            System.exit(2);
        }
        Path dataFile = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dataFile.getParent());
        int port = Integer.parseInt(args[1]);
        H2Backend backend = new H2Backend(dataFile.toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "mongo-store-shutdown"));
        System.out.println("MongoDB-wire store listening on 127.0.0.1:" + port + " with data in " + dataFile);
        stopped.await();
    }
}
