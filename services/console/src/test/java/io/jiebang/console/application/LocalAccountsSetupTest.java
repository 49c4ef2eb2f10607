package io.jiebang.console.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiebang.devstack.ProjectHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import io.jiebang.events.directory.StaffEvent;
import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class LocalAccountsSetupTest {

    static final String SEED = ProjectHome.find().resolve("deploy/seed/directory.json").toString();

    final InMemoryAccounts accounts = new InMemoryAccounts();
    final PasswordEncoder passwords = new BCryptPasswordEncoder(4);

    @TempDir
    Path dir;

    @Test
    void demoModeMakesTheSeedsLoginsMarkedAsDemo() throws Exception {
        new LocalAccountsSetup(accounts, passwords, true, SEED, "", "").run(null);

        assertThat(accounts.byName).containsKeys("coordinator", "leader", "analyst", "street-01", "dept-01");
        assertThat(accounts.byName.values()).allMatch(Accounts.Account::demo);
        assertThat(passwords.matches("jiebang", accounts.byName.get("street-01").passwordHash())).isTrue();
    }

    @Test
    void outsideDemoModeTheSeedMakesNoLogins() throws Exception {
        new LocalAccountsSetup(accounts, passwords, false, SEED, "", "").run(null);

        assertThat(accounts.byName).isEmpty();
    }

    @Test
    void outsideDemoModeTheConsoleRefusesToStartWithDemoLogins() throws Exception {
        new LocalAccountsSetup(accounts, passwords, true, SEED, "", "").run(null);

        assertThatThrownBy(() -> new LocalAccountsSetup(accounts, passwords, false, "", "", "").run(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("demo logins").hasMessageContaining("refusing to start");
    }

    @Test
    void theInitialAdminComesFromAPasswordFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("admin-password"), "correct horse battery staple\n");

        new LocalAccountsSetup(accounts, passwords, false, "", "admin", secret.toString()).run(null);

        Accounts.Account admin = accounts.byName.get("admin");
        assertThat(admin.roles()).containsExactly("COORDINATOR");
        assertThat(admin.demo()).isFalse();
        assertThat(passwords.matches("correct horse battery staple", admin.passwordHash())).isTrue();
        Path weak = Files.writeString(dir.resolve("weak"), "jiebang");
        assertThatThrownBy(() -> new LocalAccountsSetup(accounts, passwords, false, "", "root", weak.toString()).run(null))
                .hasMessageContaining("at least 12 characters");
    }

    static final class InMemoryAccounts implements Accounts {
        final Map<String, Account> byName = new ConcurrentHashMap<>();

        @Override
        public Mono<Account> find(String username) {
            return Mono.justOrEmpty(byName.get(username));
        }

        @Override
        public Mono<Void> addIfAbsent(Account account) {
            byName.putIfAbsent(account.username(), account);
            return Mono.empty();
        }

        @Override
        public Flux<Account> all() {
            return Flux.fromIterable(byName.values());
        }

        @Override
        public Mono<Void> seedDemo(Account account) {
            return addIfAbsent(account);
        }

        @Override
        public Mono<Void> apply(long sequence, String district, StaffEvent event) {
            return Mono.error(new UnsupportedOperationException("not at start"));
        }

        @Override
        public Mono<Boolean> activate(String username, String codeHash, String passwordHash, Instant now) {
            return Mono.error(new UnsupportedOperationException("not at start"));
        }

        @Override
        public Mono<Long> countDemo() {
            return Mono.just(byName.values().stream().filter(Account::demo).count());
        }

        @Override
        public Mono<Long> count() {
            return Mono.just((long) byName.size());
        }
    }

}
