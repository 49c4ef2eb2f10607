package io.jiebang.e2e;

import static io.jiebang.e2e.ConsoleTexts.message;
import static io.jiebang.e2e.ConsoleTexts.orgName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * People typing into the console's forms while other people's commands change the same topic, in both
 * languages: the page shows the change live, and what was typed, ticked and focused, and where the caret was,
 * stays. A form whose action stopped applying stays as typed with a notice saying what changed; long texts
 * survive a reload and a session that ran out; the login and new-topic pages are drawn once.
 */
class LiveFormsBrowserIT {

    private static final String LONG_NOTE = "本周完成三个小区的入户走访，收集居民意见一百二十条；下周与住建部门会商施工方案";
    private static Api api;
    private static Board board;
    private static String console;
    private static String batchId;
    private final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void stack() {
        Browser.assumeInstalled();
        api = RunningStack.api();
        board = new Board(api);
        console = RunningStack.get().consoleUrl();
        batchId = api.createOpenBatch("实时表单批次");
    }

    @AfterEach
    void closeBrowsers(TestInfo test) {
        Browser.closeAll(browsers, test);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void aLeadsProgressNoteKeepsEveryCharacterWhileACoClaimantReportsAndAfterAReload(String language) {
        String topicId = board.postAndPublish("street-01", batchId, "进展填写中 " + language, "FIRST_COME", 2, 60);
        board.claimAndAwait(topicId, "dept-01", "dept-02");
        board.acceptPlaces(topicId, "dept-02");
        Browser lead = signedIn("dept-01", language);
        lead.open("/#/topics/" + topicId);
        awaitStatus(lead, "AWARDED");
        lead.type(field("resolution", "summary"), "电梯井道已完成");
        lead.type(field("progress", "percent"), "40");
        lead.type(field("progress", "milestone"), "入户走访");
        WebElement note = lead.find(field("progress", "note"));
        note.sendKeys(LONG_NOTE, Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_LEFT);
        List<Long> caret = lead.caret(note);
        assertThat(caret).containsExactly((long) LONG_NOTE.length() - 3, (long) LONG_NOTE.length() - 3);
        lead.markPage();

        board.report(topicId, "dept-02", 30);
        lead.find(By.cssSelector("#topic-timeline [data-event=ProgressReported]"));
        awaitStatus(lead, "IN_PROGRESS");

        assertThat(lead.stillSamePage()).as("updated live, not reloaded").isTrue();
        assertThat(note.getDomProperty("value")).isEqualTo(LONG_NOTE);
        assertThat(lead.focused()).as("the note keeps the focus").isEqualTo(note);
        assertThat(lead.caret(note)).as("and the caret").isEqualTo(caret);
        assertThat(lead.find(field("progress", "percent")).getDomProperty("value")).isEqualTo("40");
        assertThat(lead.find(field("progress", "milestone")).getDomProperty("value")).isEqualTo("入户走访");
        assertThat(lead.find(field("resolution", "summary")).getDomProperty("value")).isEqualTo("电梯井道已完成");
        lead.focused().sendKeys("，");
        String typed = LONG_NOTE.substring(0, LONG_NOTE.length() - 3) + "，" + LONG_NOTE.substring(LONG_NOTE.length() - 3);
        assertThat(note.getDomProperty("value")).as("typing goes on where it was").isEqualTo(typed);

        // Long texts are drafts in the tab's session storage: a reload brings them back, sending forgets them.
        lead.driver.navigate().refresh();
        assertThat(lead.find(field("progress", "note")).getDomProperty("value")).isEqualTo(typed);
        assertThat(lead.find(field("resolution", "summary")).getDomProperty("value")).isEqualTo("电梯井道已完成");
        lead.type(field("progress", "percent"), "50");
        lead.click(By.cssSelector("#action-progress button[type=submit]"));
        lead.waitForText(By.id("latest-report"), typed);
        lead.driver.navigate().refresh();
        lead.waitForText(By.id("latest-report"), typed);
        assertThat(lead.find(field("progress", "note")).getDomProperty("value")).as("the sent note is no draft").isEmpty();
        assertThat(lead.find(field("resolution", "summary")).getDomProperty("value")).as("the unsent summary still is")
                .isEqualTo("电梯井道已完成");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void aBidAndAWithdrawalReasonSurviveAnotherBidAndSayWhenTheTopicWentToAnother(String language) {
        String topicId = board.postAndPublish("street-02", batchId, "竞标填写中 " + language, "POSTER_SELECTS", 2, 60);
        Browser bidder = signedIn("dept-03", language);
        bidder.open("/#/topics/" + topicId);
        bidder.click(By.cssSelector("#action-claim input[value='dept-04']"));
        bidder.click(By.cssSelector("#action-claim input[value='dept-05']"));
        WebElement plan = bidder.find(field("claim", "plan"));
        plan.sendKeys("科技局牵头，工信局、民政局配合，分两期实施");
        Browser poster = signedIn("street-02", language);
        poster.open("/#/topics/" + topicId);
        WebElement reason = poster.find(field("withdraw-topic", "reason"));
        reason.sendKeys("与另一榜单重复");

        String otherBid = board.claim(topicId, "dept-06");
        for (Browser browser : List.of(bidder, poster)) {
            browser.find(By.cssSelector("#topic-timeline [data-event=ClaimSubmitted]"));
            browser.waitForText(By.id("claims-table"), orgName("dept-06", language));
        }
        assertThat(bidder.focused()).isEqualTo(plan);
        assertThat(plan.getDomProperty("value")).isEqualTo("科技局牵头，工信局、民政局配合，分两期实施");
        assertThat(ticked(bidder)).containsExactly("dept-04", "dept-05");
        assertThat(bidder.find(By.cssSelector("#action-claim input[value='dept-07']")).isEnabled())
                .as("two co-claimants are the topic's limit, still").isFalse();
        assertThat(poster.focused()).isEqualTo(reason);
        assertThat(reason.getDomProperty("value")).isEqualTo("与另一榜单重复");

        // Another session of the poster awards the other bid: neither form applies any more, both stay as typed.
        board.award(topicId, "street-02", otherBid, "dept-06");
        awaitStatus(bidder, "AWARDED");
        awaitStatus(poster, "AWARDED");
        assertThat(bidder.find(By.cssSelector("#action-claim .stale-notice p")).getText())
                .isEqualTo(message(language, "stale.awardedTo", Map.of("org", orgName("dept-06", language))));
        assertThat(plan.getDomProperty("value")).isEqualTo("科技局牵头，工信局、民政局配合，分两期实施");
        assertThat(ticked(bidder)).containsExactly("dept-04", "dept-05");
        assertThat(bidder.find(By.cssSelector("#action-claim button[type=submit]")).isEnabled()).as("nothing to send").isFalse();
        assertThat(poster.find(By.cssSelector("#action-withdraw-topic .stale-notice p")).getText())
                .isEqualTo(message(language, "stale.status", Map.of("status", message(language, "status.AWARDED", Map.of()))));
        assertThat(reason.getDomProperty("value")).isEqualTo("与另一榜单重复");

        bidder.click(By.cssSelector("#action-claim .stale-notice [data-action=discard]"));
        bidder.waitUntil(page -> page.findElements(By.id("action-claim")).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void aRejectionReasonSaysWhenTheResolutionWasDecidedAndTheLinkCountSurvivesAVote(String language) {
        String topicId = board.postAndPublish("street-03", batchId, "验收填写中 " + language, "FIRST_COME", 1, 60);
        board.claimAndAwait(topicId, "dept-07");
        board.submit(topicId, "dept-07");
        Browser poster = signedIn("street-03", language);
        poster.open("/#/topics/" + topicId);
        WebElement reason = poster.find(field("reject", "reason"));
        reason.sendKeys("验收材料缺少现场照片");

        board.accept(topicId, "street-03");
        awaitStatus(poster, "RESOLVED");
        assertThat(poster.find(By.cssSelector("#actions-panel .stale-notice p")).getText())
                .isEqualTo(message(language, "stale.decided", Map.of("decision", message(language, "resolutionStatus.ACCEPTED", Map.of()))));
        assertThat(reason.getDomProperty("value")).isEqualTo("验收材料缺少现场照片");
        assertThat(poster.focused()).isEqualTo(reason);
        assertThat(poster.find(By.cssSelector("#action-reject button[type=submit]")).isEnabled()).isFalse();

        poster.type(field("evaluation-links", "count"), "5");
        WebElement count = poster.find(field("evaluation-links", "count"));
        board.vote(topicId, "street-03", List.of("SATISFIED"));
        poster.find(By.cssSelector("#topic-timeline [data-event=EvaluationVoteCast]"));
        assertThat(count.getDomProperty("value")).isEqualTo("5");
        assertThat(poster.focused()).isEqualTo(count);
        assertThat(reason.getDomProperty("value")).as("still there to copy").isEqualTo("验收材料缺少现场照片");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void aSessionThatRanOutLeadsToOneLoginPageAndBackToTheDraft(String language) {
        Browser street = new Browser(console, 1280, 900);
        browsers.add(street);
        street.countFormDraws();
        street.useLanguage(language);
        street.signIn("street-04");
        street.open("/#/topics/new?batch=" + batchId);
        street.type(By.cssSelector("#new-topic-form [name=description]"), LONG_NOTE);
        street.type(By.cssSelector("#new-topic-form [name=expectedOutcome]"), "年内完成");
        assertThat(street.formDraws("new-topic-form")).as("the new-topic page drawn once").isEqualTo(1);

        // The server no longer accepts the token: every request of the page is refused at once.
        street.script("const session = JSON.parse(localStorage.getItem('jiebang.session'));"
                + "session.accessToken = 'ran-out'; localStorage.setItem('jiebang.session', JSON.stringify(session));");
        street.driver.navigate().refresh();
        street.find(By.id("login-form"));
        street.signInHere("street-04");

        assertThat(street.find(By.cssSelector("#new-topic-form [name=description]")).getDomProperty("value")).isEqualTo(LONG_NOTE);
        assertThat(street.find(By.cssSelector("#new-topic-form [name=expectedOutcome]")).getDomProperty("value")).isEqualTo("年内完成");
        assertThat(street.find(By.cssSelector("#new-topic-form [name=batchId]")).getDomProperty("value")).as("the same page").isEqualTo(batchId);
        assertThat(street.formDraws("login-form")).as("the login page drawn once").isEqualTo(1);
        assertThat(street.formDraws("new-topic-form")).as("the new-topic page drawn once").isEqualTo(1);
    }

    private Browser signedIn(String username, String language) {
        Browser browser = new Browser(console, 1280, 900);
        browsers.add(browser);
        browser.useLanguage(language);
        browser.signIn(username);
        return browser;
    }

    private static By field(String action, String name) {
        return By.cssSelector("#action-" + action + " [name=" + name + "]");
    }

    private static List<String> ticked(Browser browser) {
        return browser.all(By.cssSelector("#action-claim [name=coClaimantOrgIds]:checked")).stream()
                .map(box -> box.getDomProperty("value")).toList();
    }

    private static void awaitStatus(Browser browser, String status) {
        browser.find(By.cssSelector("#topic-status .badge[data-status=" + status + "]"));
    }
}
