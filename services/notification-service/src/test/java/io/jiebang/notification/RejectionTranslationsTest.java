package io.jiebang.notification;

import io.jiebang.testsupport.RejectionTranslations;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RejectionTranslationsTest {

    @Test
    void everyRefusalHasAChineseTranslation() {
        RejectionTranslations.check(Path.of("src/main/java"), Path.of("src/main/resources/messages_zh.properties"));
    }
}
