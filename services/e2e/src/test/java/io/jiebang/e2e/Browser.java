package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.ProjectHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium on the console: Debian's chromium and chromedriver, set explicitly so
 * nothing is downloaded. Waits are on what the page shows, never on time.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * Where screenshots go: the build output, so a test run leaves the tree clean; {@code make screenshots}
     * points this at docs/screenshots, which the README shows.
     */
    static final Path SCREENSHOTS = ProjectHome.find()
            .resolve(System.getProperty("jiebang.screenshots", "services/e2e/target/screenshots"));
    /** Live changes show within a second; the rest of the budget is for a busy two-core machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int MAX_SCREENSHOT_HEIGHT = 2400;

    final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String base;

    /** Skips the calling test, saying why, where the browser is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + ": run deploy/setup/browser.sh (make test does)");
    }

    Browser(String base, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height, "--lang=zh-CN", "--accept-lang=zh-CN");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // On Linux Chromium takes its locale (date inputs, for one) from the environment, not from --lang.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withEnvironment(Map.of("LANGUAGE", "zh_CN")).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        // Set again once open: a new window is made at least about 500 px wide, narrower only on request.
        resize(width, height);
        // Live pages redraw what they show: an element found a moment ago may be gone, so look again.
        this.wait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        this.base = base;
    }

    /** Opens a page of the console, e.g. "/#/board" or "/evaluate/{token}". */
    Browser open(String path) {
        driver.get(path.startsWith("http") ? path : base + path);
        return this;
    }

    void signIn(String username) {
        open("/#/login");
        signInHere(username);
    }

    /** Signs in on the login page the browser shows, e.g. where a session that ran out led. */
    void signInHere(String username) {
        type(By.name("username"), username);
        type(By.name("password"), Api.PASSWORD);
        click(By.cssSelector("#login-form button[type=submit]"));
        find(By.id("who"));
        awaitLive();
    }

    /** The console in this language ("zh-CN" or "en") from the next page on, as its switch would leave it. */
    void useLanguage(String language) {
        // Once the page is drawn: while it loads, the console writes the language it starts with.
        open("/#/login").find(By.id("login-form"));
        script("localStorage.setItem('jiebang.lang', arguments[0]);", language);
        driver.navigate().refresh();
        waitForAttribute(By.tagName("html"), "lang", language);
    }

    /**
     * From the next page load on, counts how often each form (by id) is put into the page, to tell a page drawn
     * once from one drawn again over what the user began typing.
     */
    void countFormDraws() {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.jiebangFormDraws = {};
                new MutationObserver((records) => records.forEach((record) => record.addedNodes.forEach((node) => {
                  if (node.nodeType !== Node.ELEMENT_NODE) return;
                  [node, ...node.querySelectorAll('form[id]')].filter((element) => element.matches('form[id]'))
                    .forEach((form) => { window.jiebangFormDraws[form.id] = (window.jiebangFormDraws[form.id] || 0) + 1; });
                }))).observe(document, { childList: true, subtree: true });
                """));
    }

    /** How often the form was put into the page since it loaded (see {@link #countFormDraws}). */
    long formDraws(String formId) {
        return ((Number) script("return (window.jiebangFormDraws || {})[arguments[0]] || 0;", formId)).longValue();
    }

    /** The element that has the keyboard focus. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Where the caret (or the selection) is in a text field: start and end. */
    List<Long> caret(WebElement field) {
        @SuppressWarnings("unchecked")
        List<Long> caret = (List<Long>) script("return [arguments[0].selectionStart, arguments[0].selectionEnd];", field);
        return caret;
    }

    /** The live stream is connected: changes made from now on show without a reload. */
    void awaitLive() {
        wait.until(ExpectedConditions.attributeToBe(By.id("live-state"), "data-live", "on"));
    }

    void signOut() {
        click(By.id("sign-out"));
        find(By.id("login-form"));
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** Finds and clicks as one step, again on the new element if a live update redrew it in between. */
    void click(By by) {
        wait.until(page -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(page);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /**
     * Finds, clears and types as one step: a live update redraws a form nobody has touched yet, so a field found a
     * moment ago may be gone; the new one is typed into (once typed into, a form is kept).
     */
    void type(By by, String text) {
        wait.until(page -> {
            WebElement field = ExpectedConditions.visibilityOfElementLocated(by).apply(page);
            if (field == null) {
                return false;
            }
            field.clear();
            field.sendKeys(text);
            return true;
        });
    }

    /** Sets a date input the way its picker would: typed dates depend on the browser's locale. */
    void pickDate(By by, String isoDate) {
        WebElement input = find(by);
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, isoDate);
    }

    void select(By by, String value) {
        new Select(find(by)).selectByValue(value);
    }

    void waitForAttribute(By by, String attribute, String value) {
        wait.until(ExpectedConditions.attributeToBe(by, attribute, value));
    }

    void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void waitUntil(Function<WebDriver, Boolean> condition) {
        wait.until(condition);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Leaves a mark in the page's memory: still there later means the page was never reloaded. */
    void markPage() {
        script("window.jiebangNotReloaded = true;");
    }

    boolean stillSamePage() {
        return Boolean.TRUE.equals(script("return window.jiebangNotReloaded === true;"));
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Form controls a screen reader could not name: neither a label nor an aria-label. */
    List<String> unlabelledControls() {
        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) script("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter((control) => control.labels.length === 0 && !control.getAttribute('aria-label'))"
                + ".map((control) => control.outerHTML);");
        return unnamed;
    }

    /** Widest content of the page, to check nothing needs horizontal scrolling on a narrow screen. */
    long pageWidth() {
        return ((Number) script("return document.documentElement.scrollWidth;")).longValue();
    }

    /** Saves the page from its top, as tall as it is up to a limit, as {name}.png under {@link #SCREENSHOTS}. */
    void screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long pageHeight = ((Number) script("window.scrollTo(0, 0); return document.documentElement.scrollHeight;")).longValue();
        resize(window.getWidth(), (int) Math.min(Math.max(pageHeight, window.getHeight()), MAX_SCREENSHOT_HEIGHT));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            resize(window.getWidth(), window.getHeight());
        }
    }

    /** Keeps what the page showed last under target/browser-pages, to see why a test stopped where it did. */
    void keepLastPage(String name) {
        try {
            Path pages = Files.createDirectories(Path.of("target", "browser-pages"));
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), pages.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(pages.resolve(name + ".html"), driver.getPageSource());
            Files.write(pages.resolve(name + ".log"), driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString).toList());
        } catch (IOException | RuntimeException e) {
            System.out.println("[browser] could not keep the last page of " + name + ": " + e);
        }
    }

    /** Errors the page logged (script errors, Content-Security-Policy violations), for failing loudly. */
    List<String> severeLogs() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).collect(Collectors.toList());
    }

    /**
     * After a test: keeps each browser's last page, closes it, and fails on any uncaught script error or content the
     * page's policy blocked.
     */
    static void closeAll(List<Browser> browsers, TestInfo test) {
        List<String> scriptErrors = new ArrayList<>();
        for (int i = 0; i < browsers.size(); i++) {
            Browser browser = browsers.get(i);
            browser.keepLastPage(test.getTestMethod().orElseThrow().getName() + "-" + test.getDisplayName() + "-" + i);
            browser.severeLogs().stream().filter(log -> log.contains("Uncaught") || log.contains("Content Security Policy"))
                    .forEach(scriptErrors::add);
            browser.close();
        }
        assertThat(scriptErrors).as("script errors or blocked content").isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
