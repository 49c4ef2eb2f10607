package io.jiebang.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Runs Apache Kafka's own broker in KRaft mode (combined broker and controller on loopback).
 * Meant to run in its own JVM: {@code java -cp <devstack classpath> io.jiebang.devstack.KafkaBroker <dataDir> <port> <controllerPort>}.
 */
public final class KafkaBroker {

    private KafkaBroker() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBroker <dataDir> <port> <controllerPort>");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Path config = writeConfig(dataDir, port, controllerPort);
        formatOnce(dataDir, config);
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static Path writeConfig(Path dataDir, int port, int controllerPort) throws IOException {
        Path logs = dataDir.resolve("logs");
        Files.createDirectories(logs);
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logs.toString());
        p.setProperty("num.partitions", "3");
        // As on a production cluster: topics exist because the setup step created them (LocalStack), not by first use.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        Path config = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "written by io.jiebang.devstack.KafkaBroker");
        }
        return config;
    }

    /** Formats the storage on first start only; a formatted directory keeps its data across restarts. */
    static void formatOnce(Path dataDir, Path config) {
        if (Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        // Kafka's own ids never start with '-', which the format tool would take for an option.
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        int rc = kafka.tools.StorageTool.execute(
                List.of("format", "-t", clusterId, "-c", config.toString()).toArray(String[]::new),
                new PrintStream(OutputStream.nullOutputStream()));
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage failed with code " + rc);
        }
    }
}
