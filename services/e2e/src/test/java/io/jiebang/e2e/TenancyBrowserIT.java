package io.jiebang.e2e;

import static io.jiebang.e2e.ConsoleTexts.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Several districts (区, the tenants) in the console, in both languages (docs/tenancy.md): the city level (市级) compares
 * the districts on their own page, a row per district with its batches, topics and the four rates, reads every
 * district's board, each topic named with its district, and narrows it to one district; it is offered no command.
 * A district's staff sees its district in the header and on its board only its own district's topics.
 */
class TenancyBrowserIT {

    /** The demo's districts, as the console names them in each language (deploy/seed/directory.json). */
    private static final Map<String, Map<String, String>> DISTRICT_NAMES = Map.of(
            "d1", Map.of("zh-CN", "海滨区", "en", "Haibin District"),
            "d2", Map.of("zh-CN", "山前区", "en", "Shanqian District"));
    private static final List<String> RATES = List.of("response", "resolution", "onTime", "satisfaction");

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
    void theCityComparesTheDistrictsAndADistrictSeesOnlyItsOwnTopics(String language) {
        // One topic in each district, both with the same mark in their titles, to find them among the suite's others.
        String mark = "tn" + UUID.randomUUID().toString().substring(0, 8);
        String firstBatch = openBatch("coordinator", "海滨区批次 " + mark);
        String secondBatch = openBatch("d2-coordinator", "山前区批次 " + mark);
        String firstTopic = postAndPublish(firstBatch, "street-01", "路灯维修 " + mark);
        String secondTopic = postAndPublish(secondBatch, "d2-street-01", "停车改造 " + mark);

        // The city level: the header says so, and there is no command to give.
        Browser city = browser(language);
        city.signIn("city");
        city.waitForText(By.id("who-district"), message(language, "district.city", Map.of()));
        assertThat(city.find(By.id("who-role")).getText()).isEqualTo(message(language, "role.CITY", Map.of()));
        assertThat(city.all(By.id("who-org"))).as("the city level acts for no organisation").isEmpty();
        assertThat(city.all(By.cssSelector("nav a[href='#/topics/new'], nav a[href='#/batches'], nav a[href='#/admin']")))
                .as("no page to command from").isEmpty();

        // District comparison (区际比拼): a row per district, named in the reader's language, with the four rates.
        city.click(By.cssSelector("nav a[href='#/districts']"));
        city.waitForText(By.tagName("h1"), message(language, "districts.title", Map.of()));
        assertThat(city.find(By.cssSelector("nav a[href='#/districts']")).getText())
                .isEqualTo(message(language, "nav.districts", Map.of()));
        for (String district : DISTRICT_NAMES.keySet()) {
            By row = districtRow(district);
            city.waitForText(row, districtName(district, language));
            // The counts follow the services' events: asked again until each district counts its new topic.
            awaitCountAtLeast(city, row, "topics", 1);
            awaitCountAtLeast(city, row, "batches", 1);
            for (String rate : RATES) {
                WebElement cell = city.find(By.cssSelector("#districts-table tr[data-district=" + district + "] .rate-cell[data-rate="
                        + rate + "]"));
                assertThat(cell.getText()).as(district + " " + rate).isNotBlank();
            }
        }
        assertThat(text(city, By.id("districts-table"))).contains(message(language, "rate.response", Map.of()),
                message(language, "rate.resolution", Map.of()), message(language, "rate.onTime", Map.of()),
                message(language, "rate.satisfaction", Map.of()));
        assertThat(city.all(By.cssSelector("main form, main button"))).as("nothing to command on the comparison").isEmpty();
        city.screenshot("districts-" + language);

        // Every district's board at once, each topic named with its district; then the second district alone.
        city.open("/#/board?q=" + mark);
        By firstCard = card(firstTopic);
        By secondCard = card(secondTopic);
        city.waitForText(By.cssSelector(".topic-card[data-topic-id='" + firstTopic + "'] .badge.district"), districtName("d1", language));
        city.waitForText(By.cssSelector(".topic-card[data-topic-id='" + secondTopic + "'] .badge.district"), districtName("d2", language));
        assertThat(city.all(By.id("new-topic-link"))).as("the city level posts nothing").isEmpty();
        assertThat(city.unlabelledControls()).as("every control of the board has a label").isEmpty();
        city.select(By.cssSelector("#board-filters [name=district]"), "d2");
        city.waitUntil(page -> page.findElements(firstCard).isEmpty());
        city.find(secondCard);
        assertThat(city.driver.getCurrentUrl()).contains("district=d2");
        city.screenshot("board-city-" + language);

        // A district's topic, read at the city level: its district is said, and no action is offered.
        city.click(By.cssSelector(".topic-card[data-topic-id='" + secondTopic + "'] h3 a"));
        city.waitForText(By.id("topic-fields"), districtName("d2", language));
        assertThat(city.all(By.cssSelector("#topic-actions form"))).as("no command for the city level").isEmpty();
        assertThat(city.all(By.cssSelector("form.attachment-upload"))).as("no file to add for the city level").isEmpty();

        // The second district's street: its district in the header, and on its board none of the first district's topics.
        Browser street = browser(language);
        street.signIn("d2-street-01");
        street.waitForText(By.id("who-district"), districtName("d2", language));
        assertThat(street.find(By.id("who-org")).getText()).isEqualTo(ConsoleTexts.orgName("d2-street-01", language));
        assertThat(street.all(By.cssSelector("nav a[href='#/districts']"))).as("the comparison is the city level's").isEmpty();
        street.open("/#/board?batch=&q=" + mark);
        street.find(secondCard);
        street.waitForText(By.id("board-summary"), message(language, "board.summary", Map.of("total", "1")));
        assertThat(street.all(firstCard)).as("another district's topic").isEmpty();
        assertThat(street.all(By.cssSelector("#board-filters [name=district]"))).as("no district to choose").isEmpty();
        assertThat(street.all(By.cssSelector(".topic-card .badge.district"))).as("every topic is of its own district").isEmpty();
        // The first district's batch is not offered either.
        assertThat(street.all(By.cssSelector("#board-filters [name=batch] option[value='" + firstBatch + "']"))).isEmpty();
        street.find(By.cssSelector("#board-filters [name=batch] option[value='" + secondBatch + "']"));
        street.screenshot("board-district-" + language);
    }

    private Browser browser(String language) {
        Browser browser = new Browser(console, 1280, 900);
        browsers.add(browser);
        browser.useLanguage(language);
        return browser;
    }

    private static String districtName(String district, String language) {
        return DISTRICT_NAMES.get(district).get(language);
    }

    private static By districtRow(String district) {
        return By.cssSelector("#districts-table tr[data-district=" + district + "]");
    }

    private static By card(String topicId) {
        return By.cssSelector(".topic-card[data-topic-id='" + topicId + "']");
    }

    /**
     * Waits for the row's count to reach at least the number, drawing the page again while a drawn row lags behind (the
     * statistics follow the services' events); a page still loading is left to draw.
     */
    private static void awaitCountAtLeast(Browser browser, By row, String count, int atLeast) {
        browser.waitUntil(page -> {
            int shown = countIn(page, row, count);
            if (shown >= atLeast) {
                return true;
            }
            if (shown >= 0) {
                page.navigate().refresh();
            }
            return false;
        });
    }

    /** The row's count, or -1 while the row is not drawn yet. */
    private static int countIn(WebDriver page, By row, String count) {
        List<WebElement> rows = page.findElements(row);
        List<WebElement> cells = rows.isEmpty() ? List.of() : rows.get(0).findElements(By.cssSelector("[data-count=" + count + "]"));
        return cells.isEmpty() ? -1 : Integer.parseInt(cells.get(0).getText().strip());
    }

    /** What the element shows, read again if a live update redrew it in between. */
    private static String text(Browser browser, By by) {
        String[] text = new String[1];
        browser.waitUntil(page -> {
            text[0] = page.findElement(by).getText();
            return true;
        });
        return text[0];
    }

    /** An open batch of the coordinator's district, with dates from the services' clock. */
    private static String openBatch(String coordinator, String name) {
        OffsetDateTime now = api.now();
        String id = api.post("/api/batches", coordinator, Map.of("name", name, "opensAt", now.minusDays(1).toString(),
                "claimDeadline", now.plusDays(14).toString(), "dueDate", now.plusDays(90).toString(),
                "reportingPeriodDays", 7)).expect(201).id();
        api.post("/api/batches/" + id + "/open", coordinator, null).expect(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Api.Response batch = api.get("/api/batches/" + id, coordinator);
            return batch.status() == 200 && "OPEN".equals(batch.body().get("state").asString());
        });
        return id;
    }

    /** A street's topic in the batch, published, once the board shows it open. */
    private static String postAndPublish(String batchId, String poster, String title) {
        String topicId = api.post("/api/topics", poster, Map.of("batchId", batchId, "title", title, "description",
                "居民多次反映", "category", "SW-01", "expectedOutcome", "三个月内解决", "dueDate", api.now().plusDays(45).toString(),
                "priority", "NORMAL", "claimMode", "POSTER_SELECTS", "maxCoClaimants", 1)).expect(201).id();
        api.postEventually("/api/topics/" + topicId + "/publish", poster, null).expect(202);
        api.awaitStatus(topicId, poster, "OPEN");
        return topicId;
    }
}
