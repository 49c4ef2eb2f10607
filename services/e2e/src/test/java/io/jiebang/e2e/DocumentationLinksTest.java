package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the README and the docs leads to a file of the repository, so the pages work in a
 * fresh clone: not to a place outside it that only exists on some machine. Web links and anchors are not checked.
 */
class DocumentationLinksTest {

    /** An inline link or image, {@code [text](target "title")}, or a reference definition, {@code [id]: target}. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)"
            + "|^\\s*\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s.*)?$");

    @Test
    void everyRelativeLinkResolvesInTheRepository() throws IOException {
        Path root = projectRoot();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            boolean code = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith("```")) {
                    code = !code;
                    continue;
                }
                Matcher link = LINK.matcher(lines.get(i));
                while (!code && link.find()) {
                    String target = link.group(1) != null ? link.group(1) : link.group(2);
                    if (!resolves(root, page, target)) {
                        broken.add(root.relativize(page) + ":" + (i + 1) + " → " + target);
                    }
                }
            }
        }
        assertThat(pages).hasSizeGreaterThan(1);
        assertThat(broken).as("links that lead nowhere in a clone").isEmpty();
    }

    private static boolean resolves(Path root, Path page, String target) {
        if (target.matches("(?i)(https?|mailto):.*") || target.startsWith("#")) {
            return true;
        }
        String path = URLDecoder.decode(target.replaceFirst("[#?].*", ""), StandardCharsets.UTF_8);
        Path resolved = page.getParent().resolve(path).normalize();
        return resolved.startsWith(root) && Files.exists(resolved);
    }

    /** The directory with the root pom and the Makefile, above wherever the tests run. */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("Makefile")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root (with pom.xml and Makefile) above " + Path.of("").toAbsolutePath());
    }
}
