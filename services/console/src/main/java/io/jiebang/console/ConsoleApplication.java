package io.jiebang.console;

import io.jiebang.platform.relay.KafkaTopicSetupCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The console: the public gateway API, the board's read model, logins, live updates and the web console. Its image
 * also runs the deployment's topic setup step ({@code JIEBANG_KAFKA_SETUP=only}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    public static void main(String[] args) {
        if (KafkaTopicSetupCommand.runIfAsked()) {
            return;
        }
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
