package io.jiebang.e2e;

import static io.jiebang.e2e.ConsoleTexts.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * Administration (管理) and the audit trail (审计) in the console, in both languages (docs/administration.md): the
 * coordinator adds an organisation and renames it, and a second one with the same id is refused in the reader's
 * language; invites a staff account into it and hands over the one-time activation link; the person opens it in a
 * browser of their own, sets a password and signs in acting for the renamed organisation. Deactivated, the account's
 * open session ends and signing in is refused; the audit trail, filtered by the account, names the invitation, the
 * sign-ins and the deactivation. Retired at last, the organisation is offered in no form.
 */
class AdministrationBrowserIT {

    private static Api api;
    private static String console;
    private final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void stack() {
        Browser.assumeInstalled();
        api = RunningStack.api();
        console = RunningStack.get().consoleUrl();
    }

    @AfterEach
    void closeBrowsers(TestInfo test) {
        Browser.closeAll(browsers, test);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void anInvitedPersonActivatesSignsInForTheNewOrganisationAndIsDeactivated(String language) {
        boolean english = language.equals("en");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String orgId = "org-" + suffix;
        String username = "staff." + suffix;
        String password = "Activated-" + suffix + "-pass";
        String shownName = english ? "Pilot Bureau " + suffix : "区试点局" + suffix;
        String renamedName = english ? "Approval Bureau " + suffix : "区行政审批局" + suffix;

        // The coordinator finds Administration in the navigation, in the reader's language.
        Browser coordinator = browser(language);
        coordinator.signIn("coordinator");
        coordinator.click(By.cssSelector("nav a[href='#/admin']"));
        coordinator.waitForText(By.tagName("h1"), message(language, "admin.title", Map.of()));
        assertThat(coordinator.find(By.cssSelector("nav a[href='#/admin']")).getText()).isEqualTo(message(language, "nav.admin", Map.of()));
        coordinator.find(By.cssSelector("#org-table tr[data-org='dept-01']"));

        // Adds an organisation: the list shows it once the read side has heard of it.
        coordinator.type(By.cssSelector("#org-add-form [name=id]"), orgId);
        coordinator.type(By.cssSelector("#org-add-form [name=name]"), "区试点局" + suffix);
        coordinator.type(By.cssSelector("#org-add-form [name=nameEn]"), "Pilot Bureau " + suffix);
        coordinator.select(By.cssSelector("#org-add-form [name=kind]"), "DEPARTMENT");
        coordinator.click(By.cssSelector("#org-add-form button[type=submit]"));
        By orgRow = By.cssSelector("#org-table tr[data-org='" + orgId + "']");
        coordinator.waitForText(orgRow, shownName);
        assertThat(text(coordinator, orgRow)).contains(message(language, "orgKindOne.DEPARTMENT", Map.of()),
                message(language, "admin.active", Map.of()));

        // The same id again is refused, the server's reason shown on the form in the reader's language.
        coordinator.type(By.cssSelector("#org-add-form [name=id]"), orgId);
        coordinator.type(By.cssSelector("#org-add-form [name=name]"), "重复的组织");
        coordinator.type(By.cssSelector("#org-add-form [name=nameEn]"), "Duplicate");
        coordinator.click(By.cssSelector("#org-add-form button[type=submit]"));
        String refusal = coordinator.find(By.cssSelector("#org-add-form .form-alert")).getText();
        assertThat(refusal).startsWith(message(language, "form.failed", Map.of("message", "")));
        String reason = refusal.substring(message(language, "form.failed", Map.of("message", "")).length());
        assertThat(reason).isNotBlank();
        if (english) {
            assertThat(reason).doesNotContainPattern("\\p{IsHan}");
        } else {
            assertThat(reason).containsPattern("\\p{IsHan}");
        }

        // Renamed from its row: the rename form takes the organisation, and the list shows the new name.
        coordinator.click(By.cssSelector("#org-table tr[data-org='" + orgId + "'] [data-action=rename]"));
        assertThat(coordinator.find(By.cssSelector("#org-rename-form [name=orgId]")).getAttribute("value")).isEqualTo(orgId);
        coordinator.type(By.cssSelector("#org-rename-form [name=name]"), "区行政审批局" + suffix);
        coordinator.type(By.cssSelector("#org-rename-form [name=nameEn]"), "Approval Bureau " + suffix);
        coordinator.click(By.cssSelector("#org-rename-form button[type=submit]"));
        coordinator.waitForText(orgRow, renamedName);
        assertThat(text(coordinator, orgRow)).doesNotContain(shownName);
        assertThat(coordinator.unlabelledControls()).as("every control of the administration page has a label").isEmpty();

        // Invites a person into it: the answer is a one-time activation link, with its expiry.
        By orgChoice = By.cssSelector("#staff-invite-form [name=orgId] option[value='" + orgId + "']");
        coordinator.waitUntil(page -> !page.findElements(orgChoice).isEmpty());
        coordinator.type(By.cssSelector("#staff-invite-form [name=username]"), username);
        coordinator.type(By.cssSelector("#staff-invite-form [name=displayName]"), english ? "Pat Lee" : "李明");
        coordinator.select(By.cssSelector("#staff-invite-form [name=role]"), "STAFF");
        coordinator.select(By.cssSelector("#staff-invite-form [name=orgId]"), orgId);
        coordinator.click(By.cssSelector("#staff-invite-form button[type=submit]"));
        coordinator.waitForText(By.id("activation-heading"), message(language, "admin.activationFor", Map.of("username", username)));
        String expiresLabel = message(language, "admin.activationExpires", Map.of()).split("\\{date}")[0];
        assertThat(coordinator.find(By.id("activation-expiry")).getText()).startsWith(expiresLabel)
                .hasSizeGreaterThan(expiresLabel.length() + 4);
        String link = coordinator.find(By.id("activation-link")).getAttribute("value");
        assertThat(link).startsWith(console + "/#/activate?").contains("username=" + username).containsPattern("[?&]code=[^&]{8,}");
        By staffRow = By.cssSelector("#staff-table tr[data-username='" + username + "']");
        coordinator.waitForAttribute(staffRow, "data-status", "INVITED");
        assertThat(text(coordinator, staffRow)).contains(renamedName, message(language, "role.STAFF", Map.of()));
        coordinator.screenshot("administration-" + language);

        // The person opens the link in a browser of their own, signed in as nobody, and sets a password.
        Browser person = browser(language);
        person.open(link);
        person.waitForText(By.tagName("h1"), message(language, "activate.title", Map.of()));
        assertThat(person.find(By.cssSelector("#activate-form [name=username]")).getAttribute("value")).isEqualTo(username);
        assertThat(person.unlabelledControls()).as("every control of the activation page has a label").isEmpty();
        person.type(By.cssSelector("#activate-form [name=password]"), "too-short");
        person.type(By.cssSelector("#activate-form [name=passwordAgain]"), "too-short");
        person.click(By.cssSelector("#activate-form button[type=submit]"));
        person.waitForText(By.cssSelector("#activate-form [data-field=password] .field-error"),
                message(language, "activate.tooShort", Map.of("min", "12")));
        person.type(By.cssSelector("#activate-form [name=password]"), password);
        person.type(By.cssSelector("#activate-form [name=passwordAgain]"), password);
        person.click(By.cssSelector("#activate-form button[type=submit]"));

        // Then to the login form, which says so.
        person.waitForText(By.id("login-activated"), message(language, "login.activated", Map.of("username", username)));

        // The code was good once: the link is used up (tried from an address of its own, as a failed attempt counts
        // against the address in the login throttle).
        String code = URLDecoder.decode(link.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        Api.Response again = api.send("POST", "/api/auth/activate", null, Map.of("username", username, "code", code,
                "password", password + "-2"), null, language, "10.14.0." + (1 + new java.util.Random().nextInt(250)));
        assertThat(again.status()).as(again.raw().body()).isEqualTo(400);
        assertThat(again.type()).endsWith("/activation-invalid");

        // Signed in, the person acts for the renamed organisation.
        assertThat(person.find(By.cssSelector("#login-form [name=username]")).getAttribute("value")).isEqualTo(username);
        person.type(By.cssSelector("#login-form [name=password]"), password);
        person.click(By.cssSelector("#login-form button[type=submit]"));
        person.waitForText(By.id("who-org"), renamedName);
        assertThat(person.find(By.id("who-role")).getText()).isEqualTo(message(language, "role.STAFF", Map.of()));
        assertThat(person.all(By.cssSelector("nav a[href='#/admin']"))).as("administration is for coordinators").isEmpty();
        // The coordinator's list, fetched again, says the account is active.
        coordinator.waitUntil(page -> {
            if (!page.findElements(By.cssSelector("#staff-table tr[data-username='" + username + "'][data-status=ACTIVE]")).isEmpty()) {
                return true;
            }
            page.navigate().refresh();
            return false;
        });

        // The coordinator deactivates the account, confirming it.
        coordinator.click(By.cssSelector("#staff-table tr[data-username='" + username + "'] [data-action=deactivate]"));
        confirm(coordinator);
        coordinator.waitForAttribute(staffRow, "data-status", "DEACTIVATED");
        assertThat(coordinator.all(By.cssSelector("#staff-table tr[data-username='" + username + "'] button"))).isEmpty();

        // The person's open session ends within seconds (the token is refused), and signing in again is refused.
        person.waitUntil(page -> {
            if (!page.findElements(By.id("login-form")).isEmpty()) {
                return true;
            }
            page.navigate().refresh();
            return false;
        });
        person.type(By.cssSelector("#login-form [name=username]"), username);
        person.type(By.cssSelector("#login-form [name=password]"), password);
        person.click(By.cssSelector("#login-form button[type=submit]"));
        assertThat(person.find(By.cssSelector("#login-form .form-alert")).getText())
                .startsWith(message(language, "form.failed", Map.of("message", "")));
        assertThat(person.all(By.id("who"))).as("not signed in").isEmpty();

        // The audit trail, filtered by the account: its sign-ins (the one that worked and the one refused), newest first.
        coordinator.click(By.cssSelector("nav a[href='#/audit']"));
        coordinator.waitForText(By.tagName("h1"), message(language, "audit.title", Map.of()));
        coordinator.type(By.cssSelector("#audit-filters [name=user]"), username);
        String otherUsers = "#audit-table tr[data-entry]:not([data-user='" + username + "'])";
        searchUntil(coordinator, "#audit-table tr[data-action=LoginSucceeded][data-user='" + username + "']", otherUsers);
        searchUntil(coordinator, "#audit-table tr[data-action=LoginFailed][data-user='" + username + "']", otherUsers);
        List<WebElement> byUser = coordinator.all(By.cssSelector("#audit-table tr[data-entry]"));
        assertThat(byUser).allSatisfy(row -> assertThat(row.getAttribute("data-user")).isEqualTo(username));
        assertThat(byUser.stream().map(row -> row.getAttribute("data-at")).toList()).as("newest first")
                .isSortedAccordingTo((one, other) -> java.time.Instant.parse(other).compareTo(java.time.Instant.parse(one)));
        assertThat(coordinator.find(By.cssSelector("#audit-table tr[data-action=LoginSucceeded]")).getText())
                .contains(message(language, "auditAction.LoginSucceeded", Map.of()));
        assertThat(coordinator.driver.getCurrentUrl()).contains("#/audit?user=" + username);

        // Filtered by the account as the subject: the coordinator invited it, and deactivated it.
        coordinator.type(By.cssSelector("#audit-filters [name=user]"), "coordinator");
        coordinator.type(By.cssSelector("#audit-filters [name=subject]"), username);
        String otherSubjects = "#audit-table tr[data-entry]:not([data-subject='" + username + "'])";
        searchUntil(coordinator, "#audit-table tr[data-action=StaffInvited][data-user=coordinator][data-subject='" + username + "']",
                otherSubjects);
        searchUntil(coordinator, "#audit-table tr[data-action=StaffDeactivated][data-user=coordinator][data-subject='" + username + "']",
                otherSubjects);
        assertThat(coordinator.find(By.cssSelector("#audit-table tr[data-action=StaffInvited]")).getText())
                .contains(message(language, "auditAction.StaffInvited", Map.of()), "coordinator");
        assertThat(coordinator.all(By.cssSelector("#audit-table tr[data-entry]")))
                .allSatisfy(row -> assertThat(row.getAttribute("data-subject")).isEqualTo(username));
        assertThat(coordinator.unlabelledControls()).as("every control of the audit page has a label").isEmpty();
        coordinator.screenshot("audit-" + language);

        // Retired, the organisation stays in the list, said to be retired, and is offered in no form.
        coordinator.click(By.cssSelector("nav a[href='#/admin']"));
        coordinator.click(By.cssSelector("#org-table tr[data-org='" + orgId + "'] [data-action=retire]"));
        confirm(coordinator);
        coordinator.waitForAttribute(orgRow, "data-retired", "true");
        assertThat(text(coordinator, orgRow)).contains(message(language, "admin.retired", Map.of()), renamedName);
        coordinator.waitUntil(page -> page.findElements(orgChoice).isEmpty());
        assertThat(coordinator.all(By.cssSelector("form select option[value='" + orgId + "']"))).as("no form offers it").isEmpty();
    }

    private Browser browser(String language) {
        Browser browser = new Browser(console, 1280, 900);
        browsers.add(browser);
        browser.useLanguage(language);
        return browser;
    }

    /** What the element shows, read again if a live update redrew it in between (the lists are redrawn as they change). */
    private static String text(Browser browser, By by) {
        String[] text = new String[1];
        browser.waitUntil(page -> {
            text[0] = page.findElement(by).getText();
            return true;
        });
        return text[0];
    }

    /** Accepts the confirmation the page asks for. */
    private static void confirm(Browser browser) {
        browser.waitUntil(page -> {
            try {
                page.switchTo().alert().accept();
                return true;
            } catch (NoAlertPresentException notYet) {
                return false;
            }
        });
    }

    /**
     * Searches the audit trail again until it shows the entry, and no row the filters leave out (an answer to the
     * filters before): the trail follows the services' events.
     */
    private static void searchUntil(Browser browser, String entry, String leftOut) {
        browser.waitUntil(page -> {
            if (!page.findElements(By.cssSelector(entry)).isEmpty() && page.findElements(By.cssSelector(leftOut)).isEmpty()) {
                return true;
            }
            if (page.findElements(By.cssSelector("#audit-filters[aria-busy]")).isEmpty()) {
                page.findElement(By.id("audit-search")).click();
            }
            return false;
        });
    }
}
