package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Files attached to topics (docs/attachments.md), across the running services: a street's photo on its draft, seen
 * by no one else until published; the lead's evidence on the resolution; files refused for what they are, in the
 * asker's language, with nothing stored; the same file sent twice attached once; the export's links.
 */
class AttachmentsEndToEndIT {

    static Api api;
    static Board board;

    @BeforeAll
    static void stack() {
        api = RunningStack.api();
        board = new Board(api);
    }

    @Test
    void aPhotoOnTheTopicAndEvidenceOnItsResolutionAreServedToItsReadersOnly() throws Exception {
        String batch = api.createOpenBatch("附件批次");
        String topic = api.post("/api/topics", "street-06", Map.of("batchId", batch, "title", "桥下积水严重",
                "description", "雨后桥洞积水没过脚踝", "category", "SW-08", "expectedOutcome", "雨后无积水",
                "dueDate", api.now().plusDays(30).toString(), "priority", "HIGH", "claimMode", "FIRST_COME",
                "maxCoClaimants", 0)).expect(201).id();
        String attachments = "/api/topics/" + topic + "/attachments";

        // Attached at once, the draft waited for; sent again, the same attachment.
        byte[] photo = png(1200, 800);
        JsonNode attached = api.upload(attachments, "street-06", "积水现场.png", photo, "topic", "zh-CN").expect(201).body();
        assertThat(attached.get("contentType").asString()).isEqualTo("image/png");
        assertThat(attached.get("thumbnail").asBoolean()).isTrue();
        assertThat(attached.get("size").asLong()).isEqualTo(photo.length);
        assertThat(attached.get("sha256").asString()).isEqualTo(sha256(photo));
        assertThat(attached.get("orgId").asString()).isEqualTo("street-06");
        assertThat(attached.get("part").asString()).isEqualTo("topic");
        String photoId = attached.get("id").asString();
        assertThat(api.upload(attachments, "street-06", "again.png", photo, null, "en").expect(200).body().get("id").asString())
                .isEqualTo(photoId);

        // A draft's files are as unknown to others as the draft.
        assertThat(api.get(attachments, "dept-03").status()).isEqualTo(404);
        Api.Response hidden = api.send("GET", "/api/attachments/" + photoId, api.token("dept-03"), null, null, "zh-CN");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.type()).endsWith("/attachment-not-found");
        assertThat(hidden.body().get("detail").asString()).isEqualTo("没有附件 " + photoId);
        assertThat(api.get("/api/attachments/" + photoId + "/thumbnail", "dept-03").status()).isEqualTo(404);
        assertThat(api.get("/api/attachments/" + photoId, null).status()).isEqualTo(401);

        // Refused for what they are, in the asker's language; nothing stored.
        refused(api.upload(attachments, "street-06", "photo.png", "只是一段文字".getBytes(StandardCharsets.UTF_8), "topic", "zh-CN"),
                400, "attachment-type-not-allowed", "photo.png 的类型是 text/plain；榜单只接受照片（JPEG、PNG、GIF、WebP）、PDF、Word 和 Excel 文件");
        refused(api.upload(attachments, "street-06", "evidence.jpg", pdf(), "topic", "en"),
                400, "attachment-type-mismatch", "evidence.jpg is named as image/jpeg but its content is application/pdf");
        byte[] large = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(pdf(), 0, large, 0, pdf().length);
        refused(api.upload(attachments, "street-06", "big.pdf", large, "topic", "zh-CN"), 413, "attachment-too-large", null);
        byte[] largest = java.util.Arrays.copyOf(large, large.length - 1);
        String scan = api.upload(attachments, "street-06", "扫描件.pdf", largest, "topic", "en").expect(201).id();
        refused(api.upload(attachments, "street-06", "x.pdf", pdf(), "cover", "en"),
                400, "attachment-part-unknown", "part is topic, progress or resolution, not cover");
        refused(api.upload(attachments, "street-06", null, null, "topic", "zh-CN"),
                400, "attachment-file-missing", "请以名为 file 的表单字段发送文件");
        assertThat(api.upload(attachments, null, "x.pdf", pdf(), "topic", "en").status()).isEqualTo(401);
        refused(api.upload(attachments, "street-06", "x.pdf", pdf(), "resolution", "zh-CN"),
                403, "attachment-not-allowed-resolution", "只有牵头单位可以上传销号材料");
        refused(api.upload(attachments, "coordinator", "x.pdf", pdf(), "topic", "en"), 403, "attachment-not-allowed",
                "only the staff of the organisations on a topic attach files to it");
        assertThat(ids(api.get(attachments, "street-06").expect(200).body())).containsExactly(photoId, scan);
        assertThat(api.download("/api/attachments/" + scan, "street-06", "*/*", "en").body()).as("10 MB, whole").isEqualTo(largest);

        // Published: every reader gets the file, as a download of its type, and its thumbnail.
        api.post("/api/topics/" + topic + "/publish", "street-06", null).expect(202);
        api.awaitStatus(topic, "dept-03", "OPEN");
        HttpResponse<byte[]> file = api.download("/api/attachments/" + photoId, "dept-03", "*/*", "en");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(photo);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
                .contains("filename*=UTF-8''%E7%A7%AF%E6%B0%B4%E7%8E%B0%E5%9C%BA.png");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<byte[]> thumbnail = api.download("/api/attachments/" + photoId + "/thumbnail", "analyst", "*/*", "en");
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(thumbnail.body())).getWidth()).isEqualTo(320);
        refused(api.upload(attachments, "dept-03", "mine.pdf", pdf(), "topic", "en"),
                403, "attachment-not-allowed-topic", "only the poster attaches files to the topic");
        refused(api.upload(attachments, "leader", "mine.pdf", pdf(), "topic", "zh-CN"), 403, "attachment-not-allowed",
                "只有榜单相关单位的工作人员可以上传附件");

        // A file attached later is told to open consoles, so the topic's page shows it at once.
        LiveStream watching = LiveStream.open(api, "dept-03");
        try {
            String later = api.upload(attachments, "street-06", "第二张.png", png(64, 48), "topic", "zh-CN").expect(201).id();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watching.events(topic).contains("AttachmentAdded"));
            assertThat(ids(api.get(attachments, "dept-03").expect(200).body())).containsExactly(photoId, scan, later);
        } finally {
            watching.close();
        }

        // The lead attaches its evidence to the resolution and a report to the progress; the poster reads them.
        board.claimAndAwait(topic, "dept-03");
        JsonNode evidence = api.upload(attachments, "dept-03", "验收报告.pdf", pdf(), "resolution", "zh-CN").expect(201).body();
        assertThat(evidence.get("contentType").asString()).isEqualTo("application/pdf");
        assertThat(evidence.get("thumbnail").asBoolean()).isFalse();
        assertThat(evidence.get("round").asInt()).isEqualTo(1);
        String progress = api.upload(attachments, "dept-03", "施工中.png", png(64, 64), "progress", "zh-CN").expect(201).id();
        board.submit(topic, "dept-03");
        JsonNode all = api.get(attachments, "street-06").expect(200).body();
        assertThat(ids(all)).hasSize(5).startsWith(photoId, scan).endsWith(evidence.get("id").asString(), progress);
        assertThat(StreamSupport.stream(all.spliterator(), false).map(a -> a.get("part").asString()).toList())
                .containsExactly("topic", "topic", "topic", "resolution", "progress");
        assertThat(api.download("/api/attachments/" + evidence.get("id").asString(), "street-06", "*/*", "zh-CN").body())
                .isEqualTo(pdf());
        assertThat(api.get("/api/attachments/" + evidence.get("id").asString() + "/thumbnail", "street-06").type())
                .endsWith("/thumbnail-not-found");

        // The export links each topic to its files.
        String csv = new String(api.download("/api/topics/export?batch=" + batch, "coordinator", "text/csv", "en").body(),
                StandardCharsets.UTF_8);
        assertThat(csv).contains("Attachments").contains("/api/attachments/" + photoId)
                .contains("/api/attachments/" + progress);

        // Once resolved, the work's parts take no more files.
        board.accept(topic, "street-06");
        refused(api.upload(attachments, "dept-03", "late.png", png(32, 32), "progress", "en"),
                409, "attachment-part-closed", "no more files can be attached to the progress of a topic that is RESOLVED");
        assertThat(ids(api.get(attachments, "dept-03").expect(200).body())).hasSize(5);
    }

    private static void refused(Api.Response response, int status, String code, String detail) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.type()).endsWith("/" + code);
        if (detail != null) {
            assertThat(response.body().get("detail").asString()).isEqualTo(detail);
        }
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(a -> a.get("id").asString()).toList();
    }

    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(width / 2, height / 2, 0x3366ff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
