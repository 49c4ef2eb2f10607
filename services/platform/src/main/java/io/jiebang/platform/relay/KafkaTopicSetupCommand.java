package io.jiebang.platform.relay;

import io.jiebang.events.KafkaTopicSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * {@code JIEBANG_KAFKA_SETUP=only}: instead of starting the service, create the declared Kafka topics and exit.
 * It reads the same settings as the service (the platform defaults, then the environment), so it reaches the
 * cluster the same way, security included, without starting anything else (no store, no web server).
 */
public final class KafkaTopicSetupCommand {

    private KafkaTopicSetupCommand() {
    }

    /** Whether this run is the setup step; if so, it has been done when this returns. */
    public static boolean runIfAsked() {
        if (!"only".equals(System.getenv("JIEBANG_KAFKA_SETUP"))) {
            return false;
        }
        ConfigurableEnvironment environment = new StandardEnvironment();
        try {
            new YamlPropertySourceLoader().load("jiebang-platform", new ClassPathResource("jiebang-platform.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int partitions = environment.getRequiredProperty("jiebang.kafka.partitions", Integer.class);
        short replication = environment.getRequiredProperty("jiebang.kafka.replication", Short.class);
        try (Admin admin = Admin.create(KafkaConnection.commonConfiguration(environment))) {
            List<String> created = KafkaTopicSetup.createMissing(admin, partitions, replication);
            System.out.println("Kafka topics created: " + (created.isEmpty() ? "none (all there)" : created)
                    + "; partitions " + partitions + ", replication " + replication);
        }
        return true;
    }
}
