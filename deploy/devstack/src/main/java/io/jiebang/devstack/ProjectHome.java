package io.jiebang.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's root folder: {@code JIEBANG_HOME}, or the nearest parent holding the Makefile and services/. */
public final class ProjectHome {

    private ProjectHome() {
    }

    public static Path find() {
        String configured = System.getenv("JIEBANG_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("Makefile")) && Files.isDirectory(dir.resolve("services"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project folder: set JIEBANG_HOME");
    }
}
