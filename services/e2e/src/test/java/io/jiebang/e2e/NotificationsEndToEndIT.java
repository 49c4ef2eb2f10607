package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications (docs/rules.md) across the running services: one topic followed from its posting to an overturned
 * appeal, each party hearing what concerns it in its inbox, by e-mail from a real SMTP server and, for the lead, by a
 * signed webhook; once per event whatever the redeliveries, and nothing for what does not concern it.
 */
class NotificationsEndToEndIT {

    static final String SECRET = "a-webhook-secret-of-the-lead";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static Api api;
    static Board board;
    static GreenMail mail;
    static HttpServer webhooks;
    static final List<Received> posted = Collections.synchronizedList(new ArrayList<>());

    record Received(String body, String timestamp, String signature, String eventId) {
    }

    @BeforeAll
    static void stack() throws Exception {
        api = RunningStack.api();
        board = new Board(api);
        mail = new GreenMail(new ServerSetup(RunningStack.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        webhooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhooks.createContext("/jiebang", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            posted.add(new Received(new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("X-Jiebang-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Jiebang-Signature"), exchange.getRequestHeaders().getFirst("X-Jiebang-Event-Id")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhooks.start();
    }

    @AfterAll
    static void stop() {
        mail.stop();
        webhooks.stop(0);
    }

    @Test
    void everyoneConcernedHearsOfOneTopicFromItsPostingToAnOverturnedAppealInTheInboxAndByEMail() {
        String batchId = api.createOpenBatch("通知批次");
        // The poster in Chinese, the lead in English and with a webhook, the coordination by e-mail
        settings("street-09", "zh-CN", "street09@example.org", null);
        settings("dept-36", "en", "dept36@example.org", "http://127.0.0.1:" + webhooks.getAddress().getPort() + "/jiebang");
        settings("coordinator", "zh-CN", "coordination@example.org", null);
        Api.Response foreign = api.put("/api/notification-settings/dept-36", "dept-37", Map.of("language", "en"), "zh-CN");
        assertThat(foreign.status()).as("another organisation's settings").isEqualTo(403);

        String topic = board.postAndPublish("street-09", batchId, "社区垃圾分类亭改造", "FIRST_COME", 0, 60);
        board.claimAndAwait(topic, "dept-36");
        board.report(topic, "dept-36", 50);
        board.submit(topic, "dept-36");
        board.reject(topic, "street-09", "分类亭未通电");
        String appealId = api.post("/api/topics/" + topic + "/appeals", "dept-36", Map.of("reason", "已通电，附电表读数")).expect(201).id();
        api.post("/api/topics/" + topic + "/appeals/" + appealId + "/decision", "coordinator",
                Map.of("ruling", "OVERTURNED", "reason", "电表读数属实")).expect(202);
        api.awaitStatus(topic, "street-09", "RESOLVED");

        List<String> toPoster = List.of("ClaimSubmitted", "ClaimAwarded", "ProgressReported", "ResolutionSubmitted", "AppealLodged",
                "AppealDecided");
        // The lead claimed first-come: it is told of its award by no one but itself
        List<String> toLead = List.of("ResolutionRejected", "AppealDecided", "ResolutionAccepted");
        List<String> toCoordination = List.of("AppealLodged");
        JsonNode posterInbox = awaitInbox("street-09", topic, toPoster);
        JsonNode leadInbox = awaitInbox("dept-36", topic, toLead);
        awaitInbox("coordinator", topic, toCoordination);
        assertThat(kinds(posterInbox, topic)).as("the poster hears of nothing it did itself").containsExactlyInAnyOrderElementsOf(toPoster);
        assertThat(kinds(leadInbox, topic)).containsExactlyInAnyOrderElementsOf(toLead);
        assertThat(api.get("/api/inbox", "dept-37").expect(200).body().toString()).as("an organisation not concerned")
                .doesNotContain(topic);

        // The same by e-mail, each once, in each recipient's language
        awaitMails("street09@example.org", topic, toPoster.size());
        awaitMails("dept36@example.org", topic, toLead.size());
        awaitMails("coordination@example.org", topic, toCoordination.size());
        assertThat(subjects("street09@example.org", topic)).allMatch(subject -> subject.startsWith("【揭榜】社区垃圾分类亭改造"))
                .anyMatch(subject -> subject.contains("提出申诉"));
        assertThat(subjects("dept36@example.org", topic)).allMatch(subject -> subject.startsWith("[Jiebang] 社区垃圾分类亭改造"))
                .anyMatch(subject -> subject.contains("resolution rejected"));
        assertThat(mailsTo("dept36@example.org", topic).get(0).body()).contains("/#/topics/" + topic);

        // The lead's webhook: every kind once, signed with its secret
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> webhooksAbout(topic).size() >= toLead.size());
        List<Received> hooks = webhooksAbout(topic);
        assertThat(hooks).hasSize(toLead.size());
        assertThat(hooks).extracting(Received::eventId).doesNotHaveDuplicates();
        for (Received hook : hooks) {
            assertThat(hook.signature()).isEqualTo("sha256=" + hmac(hook.timestamp() + "." + hook.body()));
            assertThat(JSON.readTree(hook.body()).get("recipient").asString()).isEqualTo("dept-36");
        }
        assertThat(hooks).extracting(hook -> JSON.readTree(hook.body()).get("eventType").asString())
                .containsExactlyInAnyOrderElementsOf(toLead);

        // Read one: the unread count goes down by one
        int unread = api.get("/api/inbox/unread-count", "dept-36").expect(200).body().get("unread").asInt();
        String first = StreamSupport.stream(leadInbox.get("notifications").spliterator(), false)
                .filter(n -> topic.equals(n.get("topicId").asString())).findFirst().orElseThrow().get("id").asString();
        api.post("/api/inbox/" + java.net.URLEncoder.encode(first, StandardCharsets.UTF_8) + "/read", "dept-36", null).expect(200);
        assertThat(api.get("/api/inbox/unread-count", "dept-36").expect(200).body().get("unread").asInt()).isEqualTo(unread - 1);
        JsonNode deliveries = api.get("/api/notification-settings/dept-36/deliveries?status=SENT", "dept-36").expect(200).body();
        assertThat(StreamSupport.stream(deliveries.spliterator(), false).filter(d -> topic.equals(d.get("topicId").asString())).count())
                .as("e-mails and webhooks, each sent once").isEqualTo(2L * toLead.size());
    }

    @Test
    void settingsOutOfBoundsAreRefusedInTheAskersLanguage() {
        Api.Response zh = api.put("/api/notification-settings/dept-38", "dept-38",
                Map.of("language", "zh-CN", "email", Map.of("enabled", true, "address", "not an address")), "zh-CN");
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.body().get("errors").get(0).get("field").asString()).isEqualTo("email.address");
        assertThat(zh.body().get("detail").asString()).matches(".*[\\u4e00-\\u9fa5].*");
        Api.Response en = api.put("/api/notification-settings/dept-38", "dept-38",
                Map.of("language", "en", "webhook", Map.of("enabled", true, "url", "ftp://example.org/hook", "secret", "0123456789abcdef")),
                "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body().get("errors").get(0).get("field").asString()).isEqualTo("webhook.url");
        assertThat(api.get("/api/notification-settings/dept-38", "dept-38").expect(200).body().get("email").get("enabled").asBoolean())
                .as("nothing stored").isFalse();
    }

    private static void settings(String recipient, String language, String address, String webhook) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("language", language, "email", Map.of("enabled", true, "address", address)));
        if (webhook != null) {
            body.put("webhook", Map.of("enabled", true, "url", webhook, "secret", SECRET));
        }
        Api.Response answer = api.put("/api/notification-settings/" + recipient, recipient, body, language);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().toString()).doesNotContain(SECRET);
    }

    private static JsonNode awaitInbox(String user, String topic, List<String> kinds) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            last[0] = api.get("/api/inbox?limit=200", user).expect(200).body();
            assertThat(kinds(last[0], topic)).as("%s's inbox", user).containsAll(kinds);
        });
        return last[0];
    }

    private static List<String> kinds(JsonNode inbox, String topic) {
        return StreamSupport.stream(inbox.get("notifications").spliterator(), false)
                .filter(n -> topic.equals(n.get("topicId").asString())).map(n -> n.get("eventType").asString()).toList();
    }

    record Mail(String subject, String body) {
    }

    private static void awaitMails(String address, String topic, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> mailsTo(address, topic).size() >= count);
        assertThat(mailsTo(address, topic)).as("e-mails to %s, once each", address).hasSize(count);
    }

    private static List<String> subjects(String address, String topic) {
        return mailsTo(address, topic).stream().map(Mail::subject).toList();
    }

    private static List<Mail> mailsTo(String address, String topic) {
        List<Mail> found = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                boolean to = java.util.Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(recipient -> recipient.toString().contains(address));
                String body = text(message);
                if (to && body.contains(topic)) {
                    found.add(new Mail(message.getSubject(), body));
                }
            } catch (jakarta.mail.MessagingException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    /** The text of a message as written, decoded from whatever transfer encoding carried it. */
    private static String text(jakarta.mail.Part part) throws jakarta.mail.MessagingException, java.io.IOException {
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i)));
            }
            return text.toString();
        }
        return "";
    }

    private static List<Received> webhooksAbout(String topic) {
        Predicate<Received> about = hook -> hook.body().contains(topic);
        synchronized (posted) {
            return posted.stream().filter(about).toList();
        }
    }

    private static String hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
