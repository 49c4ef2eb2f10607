package io.jiebang.notification;

import io.jiebang.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void layersAreKept() {
        ArchitectureRules.check("io.jiebang.notification");
    }
}
