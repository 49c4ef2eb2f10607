package io.jiebang.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import org.h2.mvstore.MVStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded MongoDB-wire store ({@code de.bwaldvogel:mongo-java-server}) with its H2 file backend,
 * so data survives a restart, and a write is answered only once it is in the file, so it survives a kill -9 too.
 * Runs in its own JVM: {@code MongoStore <dataFile> <port>}.
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
        H2Backend backend = new CommittingH2Backend(dataFile.toString());
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

    /**
     * H2 on its own saves to its file about once a second, from a background thread, so a store killed with
     * {@code kill -9} lost the last second or two of writes it had acknowledged (thousands, measured), while the
     * services take an acknowledged write as kept (their outbox, their idempotency keys, their stream sequences), as
     * they may with MongoDB's journal. So every request that changed something is saved before it is answered;
     * requests answered at the same time share one save.
     */
    static final class CommittingH2Backend extends H2Backend {

        private static final int COMPACT_EVERY_COMMITS = 500;
        private static final int COMPACT_BELOW_FILL_PERCENT = 50;
        private static final int COMPACT_AT_MOST_BYTES = 16 * 1024 * 1024;

        private final Object commitLock = new Object();
        /** Every change made in a version below this one is in the file. */
        private volatile long committedBelow;
        /** Guarded by the commit lock. */
        private int commitsSinceCompaction;

        /** Without H2's background writer: every save is one of the commits below, in turn, done before the answer. */
        CommittingH2Backend(String dataFile) {
            super(new MVStore.Builder().fileName(dataFile).autoCommitDisabled().open());
        }

        /** Every request of the MongoDB drivers the services use comes as such a message (OP_MSG). */
        @Override
        public Document handleMessage(MongoMessage message) {
            Document answer = super.handleMessage(message);
            commitBeforeAnswering();
            return answer;
        }

        /**
         * A commit saves every change made so far and opens the next version; with nothing to save (a read, or a
         * change another request's commit took along) it saves nothing and the version stays.
         */
        private void commitBeforeAnswering() {
            long changedIn = getMvStore().getCurrentVersion();
            if (committedBelow > changedIn) {
                return;
            }
            synchronized (commitLock) {
                if (committedBelow > changedIn) {
                    return; // another request's commit, begun after this one's change, took it along
                }
                getMvStore().commit();
                committedBelow = getMvStore().getCurrentVersion();
                if (++commitsSinceCompaction >= COMPACT_EVERY_COMMITS) {
                    compact();
                }
            }
        }

        /**
         * Each commit writes the pages it changed anew, and without the background writer nothing rewrites the
         * chunks left mostly empty: from time to time their live pages are moved into a new one, so that the old
         * chunks can be reused once H2's retention time has passed, and the file stops growing.
         */
        private void compact() {
            commitsSinceCompaction = 0;
            getMvStore().compact(COMPACT_BELOW_FILL_PERCENT, COMPACT_AT_MOST_BYTES);
            getMvStore().commit();
            committedBelow = getMvStore().getCurrentVersion();
        }
    }
}
