package io.jiebang.console.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jiebang.console.readmodel.OrgView;
import io.jiebang.events.OrgKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/** An Open311 api_key names a registered street, from the hashes in the keys file or, in demo mode, by its id. */
class Open311KeysTest {

    final BoardQueries board = mock(BoardQueries.class);

    @TempDir
    Path dir;

    @BeforeEach
    void directory() {
        when(board.orgs()).thenAnswer(call -> Flux.just(new OrgView("street-01", "东湖街道", "Donghu", OrgKind.STREET, null),
                new OrgView("dept-01", "区住建局", "Housing", OrgKind.DEPARTMENT, null)));
    }

    @Test
    void aKeyFromTheFileIsItsStreetsAndOnlyItsHashIsKept() throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, "[{\"sha256\": \"" + io.jiebang.platform.Sha256.hex("s3cret-key").toUpperCase() + "\", \"orgId\": \"street-01\"},"
                + "{\"sha256\": \"" + io.jiebang.platform.Sha256.hex("dept-key") + "\", \"orgId\": \"dept-01\"}]");
        Open311Keys keys = new Open311Keys(file.toString(), false, board);
        assertThat(keys.street("s3cret-key").block().id()).isEqualTo("street-01");
        assertThat(keys.street("S3CRET-KEY").blockOptional()).isEmpty();
        assertThat(keys.street("dept-key").blockOptional()).as("a department posts no problems").isEmpty();
        assertThat(keys.street("demo-street-01").blockOptional()).as("no demo keys outside demo mode").isEmpty();
    }

    @Test
    void inDemoModeEachStreetHasItsDemoKey() {
        Open311Keys keys = new Open311Keys("", true, board);
        assertThat(keys.street("demo-street-01").block().id()).isEqualTo("street-01");
        assertThat(keys.street("demo-street-99").blockOptional()).isEmpty();
        assertThat(keys.street("demo-dept-01").blockOptional()).isEmpty();
    }
}
