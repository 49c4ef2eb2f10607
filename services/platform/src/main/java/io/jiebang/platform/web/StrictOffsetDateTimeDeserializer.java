package io.jiebang.platform.web;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Times in requests are ISO-8601 strings with an offset, nothing else: a number is not taken for seconds
 * since 1970, and a time without an offset is refused rather than guessed.
 */
public class StrictOffsetDateTimeDeserializer extends StdDeserializer<OffsetDateTime> {

    public StrictOffsetDateTimeDeserializer() {
        super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
        }
        String text = parser.getString();
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, text,
                    "not an ISO-8601 time with an offset, like 2026-03-01T09:00:00+08:00");
        }
    }
}
