package io.jiebang.e2e;

import io.jiebang.devstack.ProjectHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the web console shows, read from its own files: the browser tests expect the words the user is meant to see. */
final class ConsoleTexts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path CONSOLE_STATIC = ProjectHome.find().resolve("services/console/src/main/resources/static");

    private ConsoleTexts() {
    }

    /** A message of the console's bundle in that language, with its placeholders filled in. */
    static String message(String language, String key, Map<String, String> params) {
        String text = read(CONSOLE_STATIC.resolve("i18n/" + language + ".json")).get(key).asString();
        for (Map.Entry<String, String> param : params.entrySet()) {
            text = text.replace("{" + param.getKey() + "}", param.getValue());
        }
        return text;
    }

    /** An organisation's name as the console shows it in that language, from the demo directory. */
    static String orgName(String orgId, String language) {
        for (JsonNode org : read(ProjectHome.find().resolve("deploy/seed/directory.json")).get("organisations")) {
            if (orgId.equals(org.get("id").asString())) {
                return org.get("en".equals(language) ? "nameEn" : "name").asString();
            }
        }
        throw new IllegalArgumentException("no organisation " + orgId);
    }

    private static JsonNode read(Path json) {
        try {
            return JSON.readTree(Files.readString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
