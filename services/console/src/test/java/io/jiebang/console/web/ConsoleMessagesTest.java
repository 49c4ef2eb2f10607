package io.jiebang.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Every text of the web console comes from its message bundles, and both languages say everything. */
class ConsoleMessagesTest {

    private static final Path STATIC = Path.of("src/main/resources/static");
    /** t('some.key') with a literal key; keys built at run time are checked through the bundles' parity. */
    private static final Pattern LITERAL_KEY = Pattern.compile("\\bt\\('([\\w.-]+)'");

    @Test
    void bothLanguagesHaveTheSameMessages() throws IOException {
        assertThat(bundle("en").keySet()).isEqualTo(bundle("zh-CN").keySet());
        assertThat(bundle("en").values()).noneMatch(String::isBlank);
        assertThat(bundle("zh-CN").values()).noneMatch(String::isBlank);
    }

    @Test
    void everyMessageTheScriptsAskForExists() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> scripts = Files.walk(STATIC.resolve("app"))) {
            for (Path script : scripts.filter(path -> path.toString().endsWith(".js")).toList()) {
                Matcher matcher = LITERAL_KEY.matcher(Files.readString(script));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(bundle("zh-CN").keySet()).containsAll(used);
    }

    private static Map<String, String> bundle(String language) throws IOException {
        return JsonMapper.builder().build().readValue(Files.readString(STATIC.resolve("i18n/" + language + ".json")),
                new TypeReference<Map<String, String>>() { });
    }
}
