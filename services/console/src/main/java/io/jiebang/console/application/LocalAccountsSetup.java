package io.jiebang.console.application;

import io.jiebang.console.security.LocalLogin;
import java.io.IOException;
import java.nio.file.Files;
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
 * The local user directory at start (docs/security.md, "Accounts").
 * <ul>
 *   <li>Demo mode ({@code JIEBANG_DEMO=true}, what {@code make run} and the tests start): the seed directory's logins,
 *   one staff user per organisation plus the coordinator and the analyst, all with the seed's shared password, each
 *   marked as a demo login.</li>
 *   <li>Otherwise the console refuses to start while the directory holds any demo login, and makes none. The first
 *   account comes from an initial-admin bootstrap: {@code JIEBANG_ADMIN_USERNAME} and a file holding its password
 *   ({@code JIEBANG_ADMIN_PASSWORD_FILE}, e.g. a mounted secret), made a coordinator if no account has that name.
 *   Or accounts live at an OIDC issuer ({@code JIEBANG_AUTH_LOCAL=false}) and none of this runs.</li>
 * </ul>
 */
@Component
@LocalLogin
public class LocalAccountsSetup implements ApplicationRunner {

    static final int MIN_ADMIN_PASSWORD = Login.MIN_PASSWORD;

    private static final Logger log = LoggerFactory.getLogger(LocalAccountsSetup.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final boolean demo;
    private final String seedDirectory;
    private final String adminUsername;
    private final String adminPasswordFile;

    public LocalAccountsSetup(Accounts accounts, PasswordEncoder passwords, @Value("${jiebang.demo:false}") boolean demo,
                              @Value("${jiebang.seed.directory:}") String seedDirectory,
                              @Value("${jiebang.auth.admin.username:}") String adminUsername,
                              @Value("${jiebang.auth.admin.password-file:}") String adminPasswordFile) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.demo = demo;
        this.seedDirectory = seedDirectory;
        this.adminUsername = adminUsername;
        this.adminPasswordFile = adminPasswordFile;
    }

    record Directory(String password, List<Org> organisations, List<User> users, boolean staffPerOrganisation) {
    }

    record Org(String id, String name, String district) {
    }

    record User(String username, String displayName, List<String> roles, String orgId, String district) {
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (demo) {
            seedDemoLogins();
        } else {
            long demoLogins = accounts.countDemo().block(PATIENCE);
            if (demoLogins > 0) {
                throw new IllegalStateException("the user directory holds " + demoLogins + " demo logins, which share a published "
                        + "password: start in demo mode (JIEBANG_DEMO=true) or delete them from the console's users collection "
                        + "(documents with demo: true); refusing to start");
            }
        }
        if (!adminUsername.isBlank()) {
            bootstrapAdmin();
        } else if (!demo && accounts.count().block(PATIENCE) == 0) {
            log.warn("the user directory is empty and nobody can log in: set JIEBANG_ADMIN_USERNAME and JIEBANG_ADMIN_PASSWORD_FILE "
                    + "for a first coordinator, or use an OIDC issuer (docs/security.md)");
        }
    }

    private void seedDemoLogins() throws IOException {
        if (seedDirectory.isBlank()) {
            return;
        }
        Directory seed = JSON.readValue(Path.of(seedDirectory).toFile(), Directory.class);
        List<User> users = new ArrayList<>(seed.users());
        if (seed.staffPerOrganisation()) {
            seed.organisations().forEach(org -> users.add(new User(org.id(), org.name(), List.of("STAFF"), org.id(),
                    org.district())));
        }
        String hash = passwords.encode(seed.password());
        Flux.fromIterable(users)
                .concatMap(u -> accounts.seedDemo(new Accounts.Account(u.username(), hash, u.orgId(), u.roles(), u.displayName(), true,
                        u.district())))
                .then().block(PATIENCE);
        log.info("demo mode: {} demo logins from {}", users.size(), seedDirectory);
    }

    private void bootstrapAdmin() throws IOException {
        if (adminPasswordFile.isBlank()) {
            throw new IllegalStateException("JIEBANG_ADMIN_USERNAME needs JIEBANG_ADMIN_PASSWORD_FILE, a file holding its password");
        }
        String password = Files.readString(Path.of(adminPasswordFile)).strip();
        if (password.length() < MIN_ADMIN_PASSWORD) {
            throw new IllegalStateException("the initial admin's password needs at least " + MIN_ADMIN_PASSWORD + " characters");
        }
        accounts.addIfAbsent(new Accounts.Account(adminUsername, passwords.encode(password), null, List.of("COORDINATOR"),
                "管理员 Administrator", false)).block(PATIENCE);
        log.info("initial admin {} ready (made if it was missing)", adminUsername);
    }
}
