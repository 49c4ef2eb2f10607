package io.jiebang.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/events.md lists every event of the catalog, on its Kafka topic, and nothing else. */
class EventCatalogDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| `([\\w.<>-]+)` \\|", Pattern.MULTILINE);

    @Test
    void theCatalogPageMatchesTheRecords() throws IOException {
        String page = Files.readString(Path.of("../../docs/events.md"));
        Matcher rows = ROW.matcher(page);
        java.util.Map<String, String> documented = new java.util.LinkedHashMap<>();
        while (rows.find()) {
            if (!rows.group(1).startsWith("jiebang")) {
                documented.put(rows.group(1), rows.group(2));
            }
        }
        java.util.Map<String, String> catalogued = new java.util.LinkedHashMap<>();
        EventCatalog.ALL.forEach(type -> catalogued.put(type.name(), type.kafkaTopic()));
        assertThat(documented).isEqualTo(catalogued);
        for (String topic : KafkaTopics.ALL) {
            assertThat(page).contains("`" + topic + "`");
        }
        assertThat(List.copyOf(documented.keySet())).hasSize(EventCatalog.ALL.size());
    }
}
