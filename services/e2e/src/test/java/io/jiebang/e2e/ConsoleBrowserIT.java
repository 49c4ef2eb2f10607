package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The web console in real headless Chromium against the whole stack, several people at once: a coordinator
 * opens a batch, a street posts a topic, a department sees it appear live and claims it with a co-claimant,
 * reports progress that the poster's open page shows live, resolves it; the poster accepts, a resident votes on
 * a phone, and the coordinator's dashboard follows. Saves the screenshots shown in the README.
 */
class ConsoleBrowserIT {

    private static final By TOPIC_STATUS = By.id("topic-status");
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
        for (int i = 0; i < browsers.size(); i++) {
            browsers.get(i).keepLastPage(test.getTestMethod().orElseThrow().getName() + "-" + i);
            browsers.get(i).close();
        }
    }

    @Test
    void aTopicRunsFromPostingToEvaluationWithEveryoneSeeingItLive() {
        Browser coordinator = browser(1280, 900);
        coordinator.open("/").find(By.id("login-form"));
        coordinator.screenshot("login");
        coordinator.signIn("coordinator");
        String batchId = openBatch(coordinator, "第一批揭榜挂帅");
        postThroughTheApi(batchId, "street-03", "小区公共充电桩不足", "SW-07", true);
        postThroughTheApi(batchId, "street-04", "农贸市场周边停车难", "SW-04", false);
        coordinator.open("/#/dashboard?batch=" + batchId).find(By.cssSelector("[data-rate=response]"));

        Browser department = browser(1280, 900);
        department.signIn("dept-01");
        department.open("/#/board?batch=" + batchId);
        department.find(By.cssSelector("#board-results .columns"));
        department.markPage();

        Browser street = browser(1280, 900);
        street.signIn("street-01");
        String topicId = postAndPublish(street, batchId, "老旧小区加装电梯", "FIRST_COME");
        street.markPage();

        // The department's open board shows the new topic without a reload, in the OPEN column with its count.
        long published = System.nanoTime();
        department.find(By.cssSelector("[data-status=OPEN] [data-topic-id='" + topicId + "']"));
        report("board shows the published topic", published);
        assertThat(department.stillSamePage()).as("the board was not reloaded").isTrue();
        assertThat(department.all(By.cssSelector("[data-status=DRAFT] .topic-card"))).as("a street's draft is not for a department")
                .isEmpty();
        assertThat(department.find(By.cssSelector(".column[data-status=OPEN] .count")).getAttribute("data-count"))
                .isEqualTo(String.valueOf(department.all(By.cssSelector(".column[data-status=OPEN] .topic-card")).size()))
                .isEqualTo("2");
        department.screenshot("board");

        assertThat(department.unlabelledControls()).as("every control of the board has a label").isEmpty();

        department.click(By.cssSelector("[data-topic-id='" + topicId + "'] h3 a"));
        department.find(By.id("action-claim"));
        assertThat(department.unlabelledControls()).as("every control of the topic page has a label").isEmpty();
        // The topic allows two co-claimants: with two ticked, the others cannot be, until one is unticked.
        By third = By.cssSelector("#action-claim input[value='dept-05']");
        department.click(By.cssSelector("#action-claim input[value='dept-03']"));
        department.click(By.cssSelector("#action-claim input[value='dept-04']"));
        assertThat(department.find(third).isEnabled()).as("a third co-claimant").isFalse();
        department.click(By.cssSelector("#action-claim input[value='dept-04']"));
        department.click(By.cssSelector("#action-claim input[value='dept-03']"));
        assertThat(department.find(third).isEnabled()).as("a co-claimant once there is room").isTrue();
        claimWithCoClaimant(department, "教育", "dept-02");
        long claimed = System.nanoTime();
        awaitStatus(street, "AWARDED");
        report("poster's page shows the award", claimed);
        // The named co-claimant is on the team only once it accepts its place, on its own topic page
        assertThat(street.find(By.id("topic-team")).getText()).doesNotContain("区教育局");
        Browser partner = browser(1280, 900);
        partner.signIn("dept-02");
        partner.open("/#/topics/" + topicId);
        partner.waitForAttribute(By.cssSelector("#claims-table .co-claimant[data-org='dept-02']"), "data-place", "PENDING");
        partner.click(By.cssSelector("#claims-table [data-action=accept-place]"));
        partner.waitForAttribute(By.cssSelector("#claims-table .co-claimant[data-org='dept-02']"), "data-place", "ACCEPTED");
        assertThat(partner.all(By.cssSelector("#claims-table [data-action=accept-place]"))).as("answered once").isEmpty();
        street.waitForText(By.id("topic-team"), "区教育局");
        // Two topics were opened in the batch (one still a draft), and one was claimed inside the window.
        awaitRate(coordinator, "response", 1, 2);
        awaitRate(coordinator, "resolution", 0, 1);

        submit(department, "progress", Map.of("percent", "60", "note", "完成选址和设计", "milestone", "选址"));
        long reported = System.nanoTime();
        street.waitForAttribute(By.id("topic-progress-bar"), "value", "60");
        report("poster's page shows the progress", reported);
        street.waitForText(By.id("latest-report"), "完成选址和设计");
        assertThat(street.stillSamePage()).as("the topic page was not reloaded").isTrue();

        submit(department, "resolution", Map.of("summary", "三部电梯已投入使用", "evidence", "验收报告"));
        awaitStatus(street, "RESOLUTION_SUBMITTED");
        street.click(By.cssSelector("#action-accept button[type=submit]"));
        awaitStatus(street, "RESOLVED");
        awaitRate(coordinator, "resolution", 1, 1);

        submit(street, "evaluation-links", Map.of("count", "1"));
        String link = street.find(By.cssSelector("#evaluation-links .evaluation-link")).getAttribute("href");
        assertThat(link).startsWith(console + "/evaluate/");

        Browser phone = browser(360, 740);
        phone.open(link).find(By.id("vote-form"));
        phone.screenshot("evaluation");
        assertThat(phone.unlabelledControls()).as("every control of the evaluation page has a label").isEmpty();
        assertThat(phone.pageWidth()).as("the evaluation page fits a 360 px screen").isLessThanOrEqualTo(360);
        phone.click(By.cssSelector("#vote-form input[value=SATISFIED]"));
        phone.click(By.cssSelector("#vote-form button[type=submit]"));
        phone.find(By.id("vote-done"));

        street.waitForText(By.id("evaluation-facts"), "1");
        awaitRate(coordinator, "satisfaction", 1, 1);
        street.waitForText(By.cssSelector("#topic-timeline [data-event=EvaluationVoteCast]"), "满意");
        street.screenshot("topic");
        coordinator.screenshot("dashboard");
        assertThat(coordinator.unlabelledControls()).as("every control of the dashboard has a label").isEmpty();

        street.click(By.id("language-switch"));
        street.waitForText(TOPIC_STATUS, "Resolved");
        street.waitForText(By.id("topic-timeline"), "Progress reported");
        street.screenshot("topic-en");

        browsers.forEach(browser -> assertThat(scriptProblems(browser)).as("script errors or blocked content").isEmpty());
    }

    /** The console is in Chinese, and so are the server's messages (it sends Accept-Language). */
    @Test
    void wrongInputShowsTheServersMessageNextToTheField() {
        String batchId = api.createOpenBatch("校验批次");
        Browser street = browser(360, 740);
        street.signIn("street-02");
        street.open("/#/topics/new?batch=" + batchId);
        fillTopic(street, "", "SW-02");
        street.click(By.id("save-draft"));
        assertThat(street.find(By.cssSelector("#new-topic-form [data-field=title] .field-error")).getText()).isNotBlank();
        assertThat(street.find(By.cssSelector("#new-topic-form [name=title]")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(street.pageWidth()).as("the form fits a 360 px screen").isLessThanOrEqualTo(360);
        assertThat(street.unlabelledControls()).as("every control of the topic form has a label").isEmpty();

        street.type(By.cssSelector("#new-topic-form [name=title]"), "过期的榜单");
        street.pickDate(By.cssSelector("#new-topic-form [name=dueDate]"), LocalDate.now().minusDays(2).toString());
        street.click(By.id("save-draft"));
        street.waitForText(By.cssSelector("#new-topic-form [data-field=dueDate] .field-error"), "完成时限必须晚于当前时间");
        assertThat(street.all(By.cssSelector("#new-topic-form [data-field=title] .field-error")).get(0).isDisplayed())
                .as("the message of the corrected field is gone").isFalse();

        street.open("/#/board?batch=" + batchId).find(By.cssSelector("#board-results .columns"));
        assertThat(street.pageWidth()).as("the board fits a 360 px screen (its columns scroll inside)").isLessThanOrEqualTo(360);

        // Signing in works from the keyboard alone: type, Tab to the password, Enter to send.
        street.signOut();
        street.find(By.name("username")).sendKeys("street-02", Keys.TAB, "wrong", Keys.ENTER);
        street.waitForText(By.cssSelector("#login-form .form-alert"), "用户名或密码错误");
    }

    @Test
    void aDepartmentInEnglishChoosesAmongTheStreetsBids() {
        String batchId = api.createOpenBatch("部门点题批次");
        Browser department = browser(1280, 900);
        department.open("/#/login").click(By.id("language-switch"));
        department.waitForText(By.cssSelector("#login-form button[type=submit]"), "Sign in");
        department.signIn("dept-03");
        department.waitForText(By.id("who-role"), "Staff");
        String topicId = postAndPublish(department, batchId, "Grid team capability", "POSTER_SELECTS");

        String committed = api.now().plusDays(30).toString();
        api.postEventually("/api/topics/" + topicId + "/claims", "street-01", Map.of("plan", "East lake plan", "committedDate", committed))
                .expect(201);
        api.postEventually("/api/topics/" + topicId + "/claims", "street-02", Map.of("plan", "West city plan", "committedDate", committed))
                .expect(201);
        By awardXicheng = By.xpath("//table[@id='claims-table']//tr[td[text()='Xicheng Street']]//button[@data-action='award']");
        department.click(awardXicheng);

        awaitStatus(department, "AWARDED");
        department.waitForText(By.id("topic-team"), "Xicheng Street");
        department.waitForText(By.xpath("//table[@id='claims-table']//tr[td[text()='Donghu Street']]"), "Declined");
        assertThat(department.all(By.cssSelector("#claims-table [data-action=award]"))).as("no bid left to award").isEmpty();
    }

    private Browser browser(int width, int height) {
        Browser browser = new Browser(console, width, height);
        browsers.add(browser);
        return browser;
    }

    /** Plans the batch with dates from the services' clock, opens it, and answers its id. */
    private static String openBatch(Browser coordinator, String name) {
        LocalDate today = api.now().toLocalDate();
        coordinator.open("/#/batches");
        coordinator.type(By.cssSelector("#new-batch-form [name=name]"), name);
        coordinator.pickDate(By.cssSelector("#new-batch-form [name=opensAt]"), today.minusDays(1).toString());
        coordinator.pickDate(By.cssSelector("#new-batch-form [name=claimDeadline]"), today.plusDays(14).toString());
        coordinator.pickDate(By.cssSelector("#new-batch-form [name=dueDate]"), today.plusDays(90).toString());
        coordinator.click(By.cssSelector("#new-batch-form button[type=submit]"));
        By row = By.xpath("//table[@id='batch-table']//tr[td/a[text()='" + name + "']]");
        coordinator.click(By.xpath("//table[@id='batch-table']//tr[td/a[text()='" + name + "']]//button[@data-action='open']"));
        coordinator.find(By.xpath("//table[@id='batch-table']//tr[td/a[text()='" + name + "']]//button[@data-action='close-claiming']"));
        String href = coordinator.find(row).findElement(By.tagName("a")).getAttribute("href");
        return href.substring(href.indexOf("batch=") + "batch=".length());
    }

    /** Other streets' topics, so the board has company. */
    private static void postThroughTheApi(String batchId, String poster, String title, String category, boolean publish) {
        String topicId = api.post("/api/topics", poster, Map.of("batchId", batchId, "title", title, "description",
                "居民多次反映", "category", category, "expectedOutcome", "三个月内解决", "dueDate", api.now().plusDays(45).toString(),
                "priority", "NORMAL", "claimMode", "POSTER_SELECTS", "maxCoClaimants", 1)).expect(201).id();
        if (publish) {
            api.post("/api/topics/" + topicId + "/publish", poster, null).expect(202);
        }
    }

    private static String postAndPublish(Browser street, String batchId, String title, String claimMode) {
        street.open("/#/topics/new?batch=" + batchId);
        fillTopic(street, title, "SW-01");
        street.click(By.cssSelector("#new-topic-form input[name=claimMode][value=" + claimMode + "]"));
        street.pickDate(By.cssSelector("#new-topic-form [name=dueDate]"), api.now().toLocalDate().plusDays(60).toString());
        street.click(By.id("save-publish"));
        awaitStatus(street, "OPEN");
        String url = street.driver.getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static void fillTopic(Browser street, String title, String category) {
        street.type(By.cssSelector("#new-topic-form [name=title]"), title);
        street.type(By.cssSelector("#new-topic-form [name=description]"), "三个小区居民呼声强烈，需要多部门协作");
        street.select(By.cssSelector("#new-topic-form [name=category]"), category);
        street.type(By.cssSelector("#new-topic-form [name=expectedOutcome]"), "年内完成加装");
        street.type(By.cssSelector("#new-topic-form [name=location]"), "东湖街道幸福小区");
    }

    /** Picks the co-claimant from the list (found by part of its name) and claims with a plan. */
    private static void claimWithCoClaimant(Browser department, String coClaimantName, String coClaimantId) {
        department.type(By.id("co-claimant-filter"), coClaimantName);
        department.click(By.cssSelector("#action-claim input[value='" + coClaimantId + "']"));
        department.type(By.cssSelector("#action-claim [name=plan]"), "住建牵头、教育配合，分三期实施");
        department.click(By.cssSelector("#action-claim button[type=submit]"));
        awaitStatus(department, "AWARDED");
    }

    /** Fills the fields of an action form on the topic page by name, and sends it. */
    private static void submit(Browser browser, String action, Map<String, String> fields) {
        fields.forEach((name, value) -> browser.type(By.cssSelector("#action-" + action + " [name=" + name + "]"), value));
        browser.click(By.cssSelector("#action-" + action + " button[type=submit]"));
    }

    private static void awaitStatus(Browser browser, String status) {
        browser.find(By.cssSelector("#topic-status .badge[data-status=" + status + "]"));
    }

    private static void awaitRate(Browser dashboard, String rate, int numerator, int denominator) {
        By fraction = By.cssSelector("[data-rate=" + rate + "] .rate-fraction");
        dashboard.waitUntil(page -> String.valueOf(numerator).equals(page.findElement(fraction).getAttribute("data-numerator"))
                && String.valueOf(denominator).equals(page.findElement(fraction).getAttribute("data-denominator")));
    }

    private static void report(String what, long sinceNanos) {
        System.out.printf("[browser] %s after %d ms%n", what, Duration.ofNanos(System.nanoTime() - sinceNanos).toMillis());
    }

    /** Script errors and anything the Content-Security-Policy blocked; failed requests the test provoked are expected. */
    private static List<String> scriptProblems(Browser browser) {
        return browser.severeLogs().stream()
                .filter(message -> message.contains("Uncaught") || message.contains("Content Security Policy"))
                .toList();
    }
}
