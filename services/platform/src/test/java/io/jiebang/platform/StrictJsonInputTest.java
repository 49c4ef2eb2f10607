package io.jiebang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies are read strictly: no guessing a string from a number, a number from a string, a date from a number. */
class StrictJsonInputTest {

    record Body(String text, Integer count, OffsetDateTime when) {
    }

    record Summary(String summary, String evidence) {
    }

    @Test
    void aNumberIsNotAString() {
        java.util.List<String> accepted = new java.util.ArrayList<>();
        for (String bad : new String[] {"{\"summary\":12345,\"evidence\":\"x\"}", "{\"summary\":\"x\",\"evidence\":12345}"}) {
            try {
                accepted.add(mapper.readValue(bad, Summary.class).toString());
            } catch (JacksonException expected) {
                // refused
            }
        }
        assertThat(accepted).isEmpty();
    }

    final JsonMapper mapper = strict();

    static JsonMapper strict() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new PlatformAutoConfiguration().strictJsonInput().customize(builder);
        return builder.build();
    }

    @Test
    void wellFormedInputIsRead() {
        Body body = mapper.readValue("{\"text\":\"x\",\"count\":3,\"when\":\"2026-03-01T08:00:00+08:00\"}", Body.class);
        assertThat(body.count()).isEqualTo(3);
        assertThat(body.when()).isEqualTo(OffsetDateTime.parse("2026-03-01T08:00:00+08:00"));
    }

    @Test
    void wrongTypesAreRefused() {
        java.util.List<String> accepted = new java.util.ArrayList<>();
        for (String bad : new String[] {"{\"text\":12345}", "{\"text\":true}", "{\"count\":\"7\"}", "{\"count\":7.5}",
                "{\"when\":12345}", "{\"when\":\"2026-02-30T25:00:00+08:00\"}", "{\"when\":\"2026-03-01T08:00:00\"}",
                "{\"text\":{\"$gt\":\"\"}}", "{\"surprise\":1}"}) {
            try {
                mapper.readValue(bad, Body.class);
                accepted.add(bad);
            } catch (JacksonException expected) {
                // refused, as it should be
            }
        }
        assertThat(accepted).isEmpty();
    }
}
