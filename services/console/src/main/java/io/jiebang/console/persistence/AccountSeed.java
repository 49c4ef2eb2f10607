package io.jiebang.console.persistence;

import io.jiebang.console.application.Accounts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the demo logins from the seed directory when configured: one staff user per organisation (named
 * like it), plus the coordinator and the analyst. Existing accounts are left as they are.
 */
@Component
@io.jiebang.console.security.LocalLogin
public class AccountSeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccountSeed.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final String directoryLocation;

    public AccountSeed(Accounts accounts, PasswordEncoder passwords,
                       @Value("${jiebang.seed.directory:}") String directoryLocation) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.directoryLocation = directoryLocation;
    }

    record Directory(String password, List<Org> organisations, List<User> users, boolean staffPerOrganisation) {
    }

    record Org(String id, String name) {
    }

    record User(String username, String displayName, List<String> roles, String orgId) {
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (directoryLocation.isBlank()) {
            return;
        }
        Directory seed = JSON.readValue(Path.of(directoryLocation).toFile(), Directory.class);
        List<User> users = new ArrayList<>(seed.users());
        if (seed.staffPerOrganisation()) {
            seed.organisations().forEach(org -> users.add(new User(org.id(), org.name(), List.of("STAFF"), org.id())));
        }
        String hash = passwords.encode(seed.password());
        Flux.fromIterable(users)
                .concatMap(u -> accounts.addIfAbsent(new Accounts.Account(u.username(), hash, u.orgId(), u.roles(), u.displayName())))
                .then().block(Duration.ofMinutes(2));
        log.info("demo logins ready: {} accounts from {}", users.size(), directoryLocation);
    }
}
