package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The inbox (通知) in the console, in both languages: the badge beside the link counts the unread notifications and
 * goes up by itself as others act on the user's topic; the inbox lists what happened, worded in the reader's language,
 * each leading to its topic; marking one read and then all read brings the count down; the settings choose e-mail and
 * show the server's refusal next to the address.
 */
class InboxBrowserIT {

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
    void thePosterHearsOfItsTopicLiveReadsItAndChoosesEMail(String language) {
        String poster = language.equals("en") ? "street-11" : "street-12";
        String lead = language.equals("en") ? "dept-39" : "dept-40";
        String batchId = api.createOpenBatch("通知收件箱批次 " + language);
        String topicId = board.postAndPublish(poster, batchId, "收件箱 " + language, "FIRST_COME", 0, 60);
        Browser browser = new Browser(console, 1280, 900);
        browsers.add(browser);
        browser.useLanguage(language);
        browser.signIn(poster);
        browser.open("/#/notifications");
        browser.find(By.id("inbox-list"));
        api.post("/api/inbox/read-all", poster, null).expect(200);
        browser.driver.navigate().refresh();
        browser.waitUntil(page -> page.findElement(By.id("inbox-unread")).getAttribute("hidden") != null);

        // Others act: a claim (awarded at once) and a progress report reach the poster's badge and inbox without a reload
        browser.markPage();
        board.claimAndAwait(topicId, lead);
        board.report(topicId, lead, 40);
        browser.waitUntil(page -> "3".equals(page.findElement(By.id("inbox-unread")).getText()));
        By items = By.cssSelector("#inbox-list li.notification");
        browser.waitUntil(page -> page.findElements(By.cssSelector("#inbox-list li.notification.unread")).size() == 3);
        assertThat(browser.stillSamePage()).as("updated live, not reloaded").isTrue();
        List<String> kinds = browser.all(items).stream().map(item -> item.getAttribute("data-type")).toList();
        assertThat(kinds).containsExactlyInAnyOrder("ClaimSubmitted", "ClaimAwarded", "ProgressReported");
        WebElement report = browser.find(By.cssSelector("#inbox-list li[data-type=ProgressReported]"));
        assertThat(report.getText()).contains("收件箱 " + language).contains("40%")
                .contains(language.equals("en") ? "reported 40% progress" : "报告进度 40%");
        assertThat(report.findElement(By.tagName("a")).getAttribute("href")).endsWith("#/topics/" + topicId);

        browser.click(By.cssSelector("#inbox-list li[data-type=ProgressReported] .mark-read"));
        browser.waitUntil(page -> "2".equals(page.findElement(By.id("inbox-unread")).getText()));
        browser.waitForAttribute(By.cssSelector("#inbox-list li[data-type=ProgressReported]"), "data-read", "true");
        browser.click(By.id("inbox-read-all"));
        browser.waitUntil(page -> page.findElement(By.id("inbox-unread")).getAttribute("hidden") != null
                && page.findElements(By.cssSelector("#inbox-list li.notification.unread")).isEmpty());

        // E-mail: a wrong address is refused next to the field, in the page's language; a good one is kept
        browser.click(By.cssSelector("#notification-settings-form [data-field=emailEnabled] input"));
        browser.type(By.id("notification-email-address"), "not an address");
        browser.click(By.id("notification-settings-save"));
        browser.waitUntil(page -> !page.findElement(By.cssSelector("[data-field=email] .field-error")).getText().isBlank());
        String refusal = browser.find(By.cssSelector("[data-field=email] .field-error")).getText();
        assertThat(refusal).matches(language.equals("en") ? "[\\x00-\\x7F]+" : ".*[\\u4e00-\\u9fa5].*");
        browser.type(By.id("notification-email-address"), poster + "@example.org");
        browser.click(By.id("notification-settings-save"));
        // Saved once the server has it (the field's old message is cleared as soon as the form is sent)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(200))
                .untilAsserted(() -> {
                    tools.jackson.databind.JsonNode email = api.get("/api/notification-settings/" + poster, poster).expect(200)
                            .body().get("email");
                    assertThat(email.get("address").asString()).isEqualTo(poster + "@example.org");
                    assertThat(email.get("enabled").asBoolean()).isTrue();
                });
        assertThat(browser.all(By.cssSelector("[data-field=email] .field-error:not([hidden])"))).isEmpty();
        assertThat(browser.unlabelledControls()).as("every control of the page has a label").isEmpty();
    }
}
