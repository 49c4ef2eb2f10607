package io.jiebang.dispatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Dispatching (定期调度): progress reports, the reporting schedule, reminders and escalation by level. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DispatchServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DispatchServiceApplication.class, args);
    }
}
