package io.jiebang.resolution;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Resolution tracking: closure (销号), verdicts, evaluations (评议), the two-thirds rule, rates and the leaderboard. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ResolutionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ResolutionServiceApplication.class, args);
    }
}
