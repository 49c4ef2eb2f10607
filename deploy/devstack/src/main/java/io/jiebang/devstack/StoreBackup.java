package io.jiebang.devstack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Backs up and restores the services' stores over the MongoDB wire protocol, so it works the same on the local
 * embedded store ({@code make backup}, {@code make restore}) and on any MongoDB: one folder per database, one
 * file per collection, one document a line in canonical Extended JSON (types kept exactly). Hand-written because
 * {@code mongodump} is not in Debian and does not speak to the embedded store; on a production replica set use
 * {@code mongodump --oplog} for a point-in-time copy (docs/reliability.md).
 *
 * <p>A backup is consistent when the services are stopped (the local store keeps running without them): a
 * service's commits, outbox marks and inbox marks are then copied as of one moment.
 */
public final class StoreBackup {

    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private StoreBackup() {
    }

    /** Copies every collection of each database into {@code folder/<database>/<collection>.jsonl}. */
    public static void backup(String mongoUri, List<String> databases, Path folder) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            for (String name : databases) {
                MongoDatabase database = client.getDatabase(name);
                Path target = Files.createDirectories(folder.resolve(name));
                for (String collection : database.listCollectionNames()) {
                    try (BufferedWriter out = Files.newBufferedWriter(target.resolve(collection + ".jsonl"), StandardCharsets.UTF_8)) {
                        for (Document document : database.getCollection(collection).find()) {
                            out.write(document.toJson(CANONICAL));
                            out.newLine();
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup into " + folder, e);
        }
    }

    /** Replaces each database with its copy in {@code folder}: what is not in the backup is gone afterwards. */
    public static void restore(String mongoUri, List<String> databases, Path folder) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            for (String name : databases) {
                Path source = folder.resolve(name);
                if (!Files.isDirectory(source)) {
                    throw new IllegalArgumentException("no backup of " + name + " in " + folder);
                }
                MongoDatabase database = client.getDatabase(name);
                database.drop();
                try (Stream<Path> files = Files.list(source)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                        restore(database.getCollection(file.getFileName().toString().replaceFirst("\\.jsonl$", "")), file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backup in " + folder, e);
        }
    }

    private static void restore(MongoCollection<Document> collection, Path file) throws IOException {
        List<Document> batch = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                batch.add(Document.parse(line));
                if (batch.size() == 1000) {
                    collection.insertMany(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch);
        }
    }

    /**
     * {@code StoreBackup backup|restore <folder> [database...]}: every service's database unless named; the store
     * at {@code MONGODB_URI} (default the local stack's).
     */
    public static void main(String[] args) {
        if (args.length < 2 || !List.of("backup", "restore").contains(args[0])) {
            System.err.println("usage: StoreBackup backup|restore <folder> [database...]");
            System.exit(2);
        }
        String uri = System.getenv().getOrDefault("MONGODB_URI", "mongodb://127.0.0.1:27017"); // make run's store
        List<String> databases = args.length > 2 ? List.of(args).subList(2, args.length)
                : ServiceSpec.ALL.stream().map(ServiceSpec::database).toList();
        Path folder = Path.of(args[1]);
        if (args[0].equals("backup")) {
            backup(uri, databases, folder);
            System.out.println("backed up " + databases + " into " + folder.toAbsolutePath());
        } else {
            restore(uri, databases, folder);
            System.out.println("restored " + databases + " from " + folder.toAbsolutePath());
        }
    }
}
