package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.ProjectHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An appeal (申诉) from the console, in both languages: the poster rejects a resolution; the lead's staff sees it may
 * appeal until when, types a reason and evidence (which survive a live change and a reload) and lodges the appeal,
 * after which it submits no new resolution; a coordinator sees the appeal with its reason, overturns it with a reason of
 * its own, and both pages show live that the topic is RESOLVED on appeal; the batch's leaderboard counts the overturned
 * appeal for the lead.
 */
class AppealBrowserIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path CONSOLE_STATIC = ProjectHome.find().resolve("services/console/src/main/resources/static");
    private static final String APPEAL_REASON = "现场照片已随销号材料一并提交，退回理由与事实不符";
    private static final String EVIDENCE = "验收照片十二张、居民签字确认书（见共享盘“加装电梯/验收”）";
    private static final String RULING_REASON = "经核查，销号材料齐全，退回不成立";
    private static Api api;
    private static Board board;
    private static String console;
    private final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void stack() {
        Browser.assumeInstalled();
        api = RunningStack.api();
        board = new Board(api);
        console = RunningStack.get().consoleUrl();
    }

    @AfterEach
    void closeBrowsers(TestInfo test) {
        Browser.closeAll(browsers, test);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void theLeadAppealsARejectionAndACoordinatorOverturnsIt(String language) {
        // A batch of its own: its leaderboard counts this topic's appeal alone.
        String batchId = api.createOpenBatch("申诉复核批次 " + language);
        String topicId = board.postAndPublish("street-05", batchId, "申诉复核 " + language, "FIRST_COME", 0, 60);
        board.claimAndAwait(topicId, "dept-08");
        board.submit(topicId, "dept-08");
        board.reject(topicId, "street-05", "缺少现场照片");

        Browser lead = signedIn("dept-08", language);
        lead.open("/#/topics/" + topicId);
        awaitAppeal(lead, "APPEALABLE");
        assertThat(lead.find(By.id("appeal-until")).getText()).as("says until when").isNotBlank();
        lead.type(By.id("appeal-reason"), APPEAL_REASON);
        lead.type(By.id("appeal-evidence"), EVIDENCE);
        lead.markPage();

        // What is typed stays through a live change of the topic, and through a reload (a draft).
        board.report(topicId, "dept-08", 90);
        lead.find(By.cssSelector("#topic-timeline [data-event=ProgressReported]"));
        assertThat(lead.stillSamePage()).as("updated live, not reloaded").isTrue();
        assertThat(lead.find(By.id("appeal-reason")).getDomProperty("value")).isEqualTo(APPEAL_REASON);
        lead.driver.navigate().refresh();
        awaitAppeal(lead, "APPEALABLE");
        assertThat(lead.find(By.id("appeal-reason")).getDomProperty("value")).isEqualTo(APPEAL_REASON);
        assertThat(lead.find(By.id("appeal-evidence")).getDomProperty("value")).isEqualTo(EVIDENCE);
        assertThat(lead.unlabelledControls()).as("every control of the appeal form has a label").isEmpty();
        lead.markPage();

        lead.click(By.id("appeal-submit"));
        awaitAppeal(lead, "PENDING");
        lead.waitForText(By.id("appeal-facts"), APPEAL_REASON);
        lead.waitForText(By.id("appeal-facts"), EVIDENCE);
        lead.find(By.cssSelector("#topic-status [data-appeal=PENDING]"));
        // No second appeal, and no new resolution while the appeal waits (the sent form may stay a moment, with nothing to send).
        lead.waitUntil(page -> page.findElements(By.cssSelector("#action-appeal button[type=submit]:enabled")).isEmpty()
                && page.findElements(By.id("action-resolution")).isEmpty());
        lead.waitForText(By.cssSelector("#topic-timeline [data-event=AppealLodged]"), message(language, "event.AppealLodged"));

        Browser coordinator = signedIn("coordinator", language);
        coordinator.open("/#/topics/" + topicId);
        awaitAppeal(coordinator, "PENDING");
        coordinator.waitForText(By.id("appeal-facts"), APPEAL_REASON);
        coordinator.waitForText(By.id("appeal-facts"), EVIDENCE);
        assertThat(coordinator.unlabelledControls()).as("every control of the ruling form has a label").isEmpty();
        coordinator.select(By.id("appeal-ruling"), "OVERTURNED");
        coordinator.type(By.id("appeal-decision-reason"), RULING_REASON);
        coordinator.click(By.id("appeal-decide"));

        for (Browser browser : List.of(coordinator, lead)) {
            awaitStatus(browser, "RESOLVED");
            awaitAppeal(browser, "OVERTURNED");
            browser.waitForText(By.id("appeal-facts"), RULING_REASON);
            browser.waitForText(By.id("appeal-outcome"), message(language, "appealOutcome.OVERTURNED.REJECTED_RESOLUTION"));
            browser.waitForText(By.id("resolution-facts"), message(language, "resolutionStatus.ACCEPTED"));
            browser.waitForText(By.cssSelector("#topic-timeline [data-event=AppealDecided]"), RULING_REASON);
            assertThat(browser.all(By.cssSelector("#topic-status [data-appeal]"))).as("no appeal waits").isEmpty();
        }
        assertThat(lead.stillSamePage()).as("the lead's page followed live").isTrue();
        assertThat(coordinator.all(By.cssSelector("#action-decide-appeal button[type=submit]:enabled"))).as("ruled on once").isEmpty();

        coordinator.open("/#/dashboard?batch=" + batchId);
        coordinator.waitForText(By.cssSelector("#leaderboard-table thead"), message(language, "leaderboard.overturnedAppeals"));
        By overturned = By.cssSelector("#leaderboard-table .overturned-appeals[data-org='dept-08']");
        coordinator.waitUntil(page -> "1".equals(page.findElement(overturned).getText()));
    }

    private Browser signedIn(String username, String language) {
        Browser browser = new Browser(console, 1280, 900);
        browsers.add(browser);
        browser.useLanguage(language);
        browser.signIn(username);
        return browser;
    }

    private static void awaitAppeal(Browser browser, String status) {
        browser.find(By.cssSelector("#appeal-state[data-appeal-status=" + status + "]"));
    }

    private static void awaitStatus(Browser browser, String status) {
        browser.find(By.cssSelector("#topic-status .badge[data-status=" + status + "]"));
    }

    /** A message of the console's bundle in that language. */
    private static String message(String language, String key) {
        try {
            JsonNode bundle = JSON.readTree(Files.readString(CONSOLE_STATIC.resolve("i18n/" + language + ".json")));
            return bundle.get(key).asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
