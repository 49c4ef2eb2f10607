package io.jiebang.resolution.application;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param evaluationWindow how long residents can vote after the poster accepts a resolution
 * @param publicUrl where the console serves the public evaluation page, for the links handed out
 */
@ConfigurationProperties("jiebang.evaluation")
public record ResolutionSettings(Duration evaluationWindow, String publicUrl) {

    public ResolutionSettings {
        evaluationWindow = evaluationWindow == null ? Duration.ofDays(7) : evaluationWindow;
        publicUrl = publicUrl == null ? "" : publicUrl;
    }
}
