package io.jiebang.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import io.jiebang.platform.time.AdjustableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    static final Duration ROTATION = Duration.ofDays(30);
    static final Duration LIFETIME = Duration.ofHours(8);

    @TempDir
    Path folder;
    final AdjustableClock clock = new AdjustableClock(Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void theFirstStartMakesOnePrivateKey() throws Exception {
        SigningKeys keys = new SigningKeys(folder, ROTATION, LIFETIME, clock);

        assertThat(files()).containsExactly("jwt-signing-key.json");
        assertThat(Files.getPosixFilePermissions(folder.resolve("jwt-signing-key.json")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(kids(keys)).containsExactly(keys.signing().getKeyID());
        assertThat(keys.publicKeys().getKeys().get(0).isPrivate()).isFalse();
    }

    @Test
    void aDueKeyIsRotatedWithTwoKeysPublishedUntilTheOldOnesTokensHaveExpired() throws Exception {
        SigningKeys first = new SigningKeys(folder, ROTATION, LIFETIME, clock);
        String old = first.signing().getKeyID();

        clock.advance(ROTATION.plusMinutes(1));
        SigningKeys one = new SigningKeys(folder, ROTATION, LIFETIME, clock);
        SigningKeys another = new SigningKeys(folder, ROTATION, LIFETIME, clock);
        String next = one.signing().getKeyID();

        assertThat(next).isNotEqualTo(old);
        assertThat(another.signing().getKeyID()).as("instances rotating at once agree").isEqualTo(next);
        assertThat(kids(one)).containsExactlyInAnyOrder(old, next);
        assertThat(first.signing().getKeyID()).as("a running instance follows within a minute").isEqualTo(next);

        clock.advance(LIFETIME.minusMinutes(2));
        assertThat(kids(new SigningKeys(folder, ROTATION, LIFETIME, clock))).containsExactlyInAnyOrder(old, next);
        clock.advance(Duration.ofMinutes(2));
        assertThat(kids(new SigningKeys(folder, ROTATION, LIFETIME, clock))).as("every token of the old key has expired")
                .containsExactly(next);
        assertThat(files()).hasSize(1);
    }

    @Test
    void noRotationWhenTheKeyIsYoungOrRotationIsOff() {
        String kid = new SigningKeys(folder, ROTATION, LIFETIME, clock).signing().getKeyID();
        clock.advance(ROTATION.minusMinutes(1));
        assertThat(new SigningKeys(folder, ROTATION, LIFETIME, clock).signing().getKeyID()).isEqualTo(kid);
        clock.advance(ROTATION);
        assertThat(new SigningKeys(folder, Duration.ZERO, LIFETIME, clock).signing().getKeyID()).isEqualTo(kid);
    }

    private static List<String> kids(SigningKeys keys) {
        return keys.publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
    }

    private List<String> files() throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
