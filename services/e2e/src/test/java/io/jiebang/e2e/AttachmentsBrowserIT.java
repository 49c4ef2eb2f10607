package io.jiebang.e2e;

import static io.jiebang.e2e.ConsoleTexts.message;
import static io.jiebang.e2e.ConsoleTexts.orgName;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A topic's files (附件) in the console, in both languages: a street posts a topic with a photo from the new-topic
 * form and finds it on the topic's page with its thumbnail; a text file named as a photo is refused, the console's
 * reason shown in the reader's language where the files are; once the topic is awarded, the lead department sends
 * a PDF with its resolution, and the poster finds it among the resolution evidence, of that round, and downloads it.
 */
class AttachmentsBrowserIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The smallest document a PDF reader opens: a catalogue, one empty page, and the trailer naming the catalogue. */
    private static final String MINIMAL_PDF = """
            %PDF-1.4
            1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
            2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
            3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
            trailer << /Root 1 0 R >>
            %%EOF
            """;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Api api;
    private static Board board;
    private static String console;
    private static String batchId;
    @TempDir
    static Path files;
    private final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void stack() {
        Browser.assumeInstalled();
        api = RunningStack.api();
        board = new Board(api);
        console = RunningStack.get().consoleUrl();
        batchId = api.createOpenBatch("附件批次");
    }

    @AfterEach
    void closeBrowsers(TestInfo test) {
        Browser.closeAll(browsers, test);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void aPhotoGoesWithTheNewTopicAFakeOneIsRefusedAndTheLeadsEvidenceReachesThePoster(String language) throws IOException {
        boolean english = language.equals("en");
        String street = english ? "street-10" : "street-09";
        String department = english ? "dept-22" : "dept-21";
        Path folder = Files.createDirectories(files.resolve(language));
        Path photo = png(folder.resolve(english ? "site-photo.png" : "现场照片.png"));
        Path notAPhoto = Files.writeString(folder.resolve(english ? "notes.png" : "说明.png"), "只是文字，不是图片 just text");
        Path evidence = Files.writeString(folder.resolve(english ? "acceptance-report.pdf" : "验收报告.pdf"), MINIMAL_PDF);

        // The new-topic form takes the photo and the fake one; the topic is saved and its page opens. Asked to publish
        // too (in English), it stays a draft while a file was refused, and says so.
        Browser poster = signedIn(street, language);
        poster.open("/#/topics/new?batch=" + batchId);
        String title = (english ? "Broken street light, photo attached " : "路灯损坏，附现场照片 ") + UUID.randomUUID().toString().substring(0, 8);
        poster.type(By.cssSelector("#new-topic-form [name=title]"), title);
        poster.type(By.cssSelector("#new-topic-form [name=description]"), "夜间路段漆黑，居民出行不便");
        poster.select(By.cssSelector("#new-topic-form [name=category]"), "SW-08");
        poster.type(By.cssSelector("#new-topic-form [name=expectedOutcome]"), "一周内修复");
        poster.pickDate(By.cssSelector("#new-topic-form [name=dueDate]"), api.now().toLocalDate().plusDays(60).toString());
        assertThat(poster.find(By.cssSelector("#new-topic-form input[type=file][data-part=topic]")).getAttribute("accept"))
                .contains("image/png", "application/pdf", ".docx");
        poster.find(By.cssSelector("#new-topic-form input[type=file][data-part=topic]")).sendKeys(photo + "\n" + notAPhoto);
        poster.click(By.id(english ? "save-publish" : "save-draft"));
        poster.find(By.id("attachments"));
        String topicId = poster.driver.getCurrentUrl().replaceAll(".*#/topics/", "");
        assertThat(topicId).matches("[\\w-]+");
        poster.waitForText(By.id("topic-title"), title);

        By photoItem = By.cssSelector("#attachments li.attachment[data-part=topic]");
        poster.waitForText(photoItem, photo.getFileName().toString());
        assertThat(poster.find(photoItem).getText()).contains(orgName(street, language));
        poster.waitUntil(page -> Boolean.TRUE.equals(poster.script("const image = document.querySelector("
                + "'#attachments li.attachment[data-part=topic] img.attachment-thumbnail');"
                + "return Boolean(image && image.complete && image.naturalWidth > 0);")));
        assertThat(poster.all(photoItem)).as("only the photo was kept").hasSize(1);

        // A click on the thumbnail shows the whole photo in a new tab.
        String topicPage = poster.driver.getWindowHandle();
        poster.click(By.cssSelector("#attachments li.attachment[data-part=topic] [data-action=open-image]"));
        poster.waitUntil(page -> page.getWindowHandles().size() == 2);
        poster.driver.switchTo().window(poster.driver.getWindowHandles().stream().filter(handle -> !handle.equals(topicPage))
                .findFirst().orElseThrow());
        poster.waitUntil(page -> Boolean.TRUE.equals(poster.script(
                "const image = document.images[0]; return Boolean(image && image.complete && image.naturalWidth === 96);")));
        poster.driver.close();
        poster.driver.switchTo().window(topicPage);

        // The refusal is the console's own, in the reader's language, said where the topic's files are.
        JsonNode refusal = refusedUpload(topicId, street, notAPhoto, language);
        assertThat(refusal.get("type").asString()).containsAnyOf("/attachment-type-mismatch", "/attachment-type-not-allowed");
        String reason = refusal.get("detail").asString();
        if (english) {
            assertThat(reason).doesNotContainPattern("\\p{IsHan}");
        } else {
            assertThat(reason).containsPattern("\\p{IsHan}");
        }
        By topicError = By.cssSelector("#attachments .attachment-error[data-part=topic]");
        poster.waitForText(topicError, message(language, "attachments.failed",
                Map.of("name", notAPhoto.getFileName().toString(), "message", reason)));
        if (english) {
            assertThat(poster.find(topicError).getText()).contains(message(language, "attachments.keptAsDraft", Map.of()));
        }
        poster.find(By.cssSelector("#topic-status .badge[data-status=DRAFT]"));
        assertThat(poster.unlabelledControls()).as("every control of the topic page has a label").isEmpty();

        // Sent again from the topic's own picker: refused again, and said again (a new message, not the one before).
        poster.script("document.querySelectorAll('#attachments .attachment-error p').forEach((p) => { p.dataset.before = ''; });");
        poster.find(By.cssSelector("#attachments form.attachment-upload[data-part=topic] input[type=file][data-part=topic]"))
                .sendKeys(notAPhoto.toString());
        poster.click(By.cssSelector("#attachments form.attachment-upload[data-part=topic] button[type=submit]"));
        poster.waitForText(By.cssSelector("#attachments .attachment-error[data-part=topic] p:not([data-before])"), reason);
        assertThat(poster.all(photoItem)).hasSize(1);

        // Published and claimed first-come by a department, which sends its resolution with a PDF from the form.
        api.post("/api/topics/" + topicId + "/publish", street, null).expect(202);
        api.awaitStatus(topicId, street, "OPEN");
        board.claimAndAwait(topicId, department);
        Browser lead = signedIn(department, language);
        lead.open("/#/topics/" + topicId);
        lead.find(By.cssSelector("#topic-status .badge[data-status=AWARDED]"));
        lead.waitForText(photoItem, photo.getFileName().toString());
        assertThat(lead.all(By.cssSelector("#attachments form.attachment-upload[data-part=topic]")))
                .as("only the poster adds to the topic's own files").isEmpty();
        lead.type(By.cssSelector("#action-resolution [name=summary]"), "路灯已更换并通电，现场验收合格");
        lead.find(By.cssSelector("#action-resolution input[type=file][data-part=resolution]")).sendKeys(evidence.toString());
        lead.click(By.cssSelector("#action-resolution button[type=submit]"));
        By evidenceItem = By.cssSelector("#attachments li.attachment[data-part=resolution]");
        lead.waitForText(evidenceItem, evidence.getFileName().toString());
        lead.find(By.cssSelector("#topic-status .badge[data-status=RESOLUTION_SUBMITTED]"));

        // The poster finds it among the resolution evidence, with the round, who sent it, and downloads it whole.
        poster.driver.navigate().refresh();
        poster.waitForText(evidenceItem, evidence.getFileName().toString());
        String shown = poster.find(evidenceItem).getText();
        assertThat(shown).contains(orgName(department, language), message(language, "topic.round", Map.of("round", "1")));
        assertThat(poster.find(By.id("attachments-resolution-heading")).getText())
                .isEqualTo(message(language, "attachmentPart.resolution", Map.of()));
        Path downloads = Files.createDirectories(folder.resolve("downloads"));
        poster.driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        poster.click(By.cssSelector("#attachments li.attachment[data-part=resolution] [data-action=download]"));
        Path downloaded = downloads.resolve(evidence.getFileName().toString());
        poster.waitUntil(page -> Files.exists(downloaded) && sameBytes(downloaded, evidence));
    }

    private Browser signedIn(String username, String language) {
        Browser browser = new Browser(console, 1280, 900);
        browsers.add(browser);
        browser.useLanguage(language);
        browser.signIn(username);
        return browser;
    }

    /** A small real photo: a street light's pole on a dusk sky. */
    private static Path png(Path file) throws IOException {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(40, 60, 110));
        graphics.fillRect(0, 0, 96, 64);
        graphics.setColor(Color.LIGHT_GRAY);
        graphics.fillRect(44, 10, 6, 54);
        graphics.setColor(Color.YELLOW);
        graphics.fillOval(38, 4, 18, 12);
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "png", bytes)).isTrue();
        return Files.write(file, bytes.toByteArray());
    }

    /** The console's answer to the file sent as the browser sends it (multipart), asked in that language. */
    private static JsonNode refusedUpload(String topicId, String user, Path file, String language) throws IOException {
        String boundary = "jiebang-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"part\"\r\n\r\ntopic\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(console + "/api/topics/" + topicId + "/attachments"))
                .header("Authorization", "Bearer " + api.token(user)).header("Accept-Language", language)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameBytes(Path one, Path other) {
        try {
            return Files.mismatch(one, other) == -1;
        } catch (IOException e) {
            return false;
        }
    }
}
