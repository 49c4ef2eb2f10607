package io.jiebang.testsupport;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The platform's own refusals, checked here because the platform cannot depend on this module. */
class PlatformRejectionTranslationsTest {

    @Test
    void everyRefusalOfThePlatformHasAChineseTranslation() {
        Path platform = Path.of("../platform/src/main");
        RejectionTranslations.check(platform.resolve("java"), platform.resolve("resources/jiebang-platform-messages_zh.properties"));
    }
}
