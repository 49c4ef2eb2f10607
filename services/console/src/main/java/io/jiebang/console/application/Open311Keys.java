package io.jiebang.console.application;

import io.jiebang.console.readmodel.OrgView;
import io.jiebang.events.OrgKind;
import io.jiebang.platform.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311's {@code api_key}s: each names the street whose system posts with it (docs/open311.md). The keys are kept
 * as SHA-256 hashes in a file ({@code JIEBANG_OPEN311_KEYS_FILE}: {@code [{"sha256": "…", "orgId": "street-01"}]}),
 * so the file gives no key away; in demo mode every street also has {@code demo-<its id>}, like the demo password.
 * A key is good only for a registered street: departments post no problems.
 */
@Service
public class Open311Keys {

    private final Map<String, String> streetsByHash;
    private final boolean demo;
    private final BoardQueries board;

    public Open311Keys(@Value("${jiebang.open311.api-keys-file:}") String file, @Value("${jiebang.demo:false}") boolean demo,
                       BoardQueries board) {
        this.streetsByHash = file.isBlank() ? Map.of() : read(Path.of(file));
        this.demo = demo;
        this.board = board;
    }

    /** The street this key is for; empty for a key that is none. */
    public Mono<OrgView> street(String apiKey) {
        String hash = Sha256.hex(apiKey);
        String named = streetsByHash.getOrDefault(hash, demo && apiKey.startsWith("demo-") ? apiKey.substring(5) : null);
        if (named == null) {
            return Mono.empty();
        }
        return board.orgs().filter(org -> org.id().equals(named) && org.kind() == OrgKind.STREET).next();
    }

    private static Map<String, String> read(Path file) {
        try {
            JsonNode keys = JsonMapper.builder().build().readTree(Files.readString(file, StandardCharsets.UTF_8));
            return java.util.stream.StreamSupport.stream(keys.spliterator(), false).collect(Collectors.toUnmodifiableMap(
                    key -> key.get("sha256").asString().toLowerCase(java.util.Locale.ROOT), key -> key.get("orgId").asString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Open311 keys in " + file, e);
        }
    }
}
