package io.jiebang.topic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Posting: the directory of organisations, the taxonomy, batches and topics in both directions. */
@SpringBootApplication
public class TopicServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TopicServiceApplication.class, args);
    }
}
