package io.jiebang.resolution.application;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param evaluationWindow how long residents can vote after the poster accepts a resolution
 * @param publicUrl where the console serves the public evaluation page, for the links handed out
 * @param appealWindow how long the lead may appeal a rejection or a reopening (申诉期)
 */
@ConfigurationProperties("jiebang.evaluation")
public record ResolutionSettings(Duration evaluationWindow, String publicUrl, Duration appealWindow) {

    public ResolutionSettings {
        evaluationWindow = evaluationWindow == null ? Duration.ofDays(7) : evaluationWindow;
        appealWindow = appealWindow == null ? Duration.ofDays(5) : appealWindow;
        publicUrl = publicUrl == null ? "" : publicUrl;
    }
}
