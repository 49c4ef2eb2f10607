package io.jiebang.dispatch.application;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param gracePeriod how long past its due date a topic may run before district leadership hears of it
 */
@ConfigurationProperties("jiebang.dispatch")
public record DispatchSettings(Duration gracePeriod) {

    public DispatchSettings {
        gracePeriod = gracePeriod == null ? Duration.ofDays(7) : gracePeriod;
    }
}
