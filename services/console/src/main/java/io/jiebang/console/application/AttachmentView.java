package io.jiebang.console.application;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * A file attached to a topic (docs/attachments.md): to the topic itself by its poster, or to a round's progress or
 * resolution by those who do the work. {@code sha256} is the content's; {@code thumbnail} whether there is a small
 * picture of it (images only).
 */
public record AttachmentView(String id, String topicId, Part part, int round, String name, String contentType, long size,
                             String sha256, boolean thumbnail, String orgId, String userId, Instant uploadedAt) {

    /** What an attachment belongs to; written in lower case in the API ({@code topic}, {@code progress}, {@code resolution}). */
    public enum Part {
        TOPIC, PROGRESS, RESOLUTION;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The part named in a request, or null for a name that is none. */
        public static Part of(String wire) {
            for (Part part : values()) {
                if (part.wire().equals(wire)) {
                    return part;
                }
            }
            return null;
        }
    }

    @JsonProperty("url")
    public String url() {
        return "/api/attachments/" + id;
    }

    @JsonProperty("thumbnailUrl")
    public String thumbnailUrl() {
        return thumbnail ? url() + "/thumbnail" : null;
    }
}
