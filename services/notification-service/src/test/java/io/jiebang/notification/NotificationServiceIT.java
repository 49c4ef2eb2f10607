package io.jiebang.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.KafkaTopics;
import io.jiebang.events.OrgKind;
import io.jiebang.events.PublicEvents;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.events.claim.TopicUnclaimed;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.dispatch.ReportingPeriodClosed;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.notification.domain.NotificationRules;
import io.jiebang.testsupport.EventFeed;
import io.jiebang.testsupport.LocalInfrastructure;
import io.jiebang.testsupport.ServiceTestSupport;
import io.jiebang.testsupport.TestTokens;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * notification-service on the real broker and store, fed the public topics as the other services write them: inboxes
 * and their live count, redeliveries and a second instance making nothing twice, e-mail to a real SMTP server in the
 * recipient's language, signed webhooks to a real HTTP server, a failing receiver retried on the moved clock until
 * dead and then by hand, and the settings' checks and guards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "jiebang.clock.adjustable=true",
        "jiebang.notification.webhook-allow-http=true",
        "jiebang.notification.webhook-allow-internal=true",
        "jiebang.notification.console-url=http://console.test",
        "jiebang.notification.inbox-size=" + NotificationServiceIT.INBOX_SIZE})
@ActiveProfiles("test")
@Import(ServiceTestSupport.TrustTestTokens.class)
// Closed after its tests, so its consumers stop reading while other tests' contexts of the service run.
@DirtiesContext
class NotificationServiceIT {

    static final String SECRET = "a-webhook-secret-of-32-characters";
    static final int INBOX_SIZE = 5;

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static EventFeed feed;
    static WebhookReceiver receiver;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ReactiveMongoDatabaseFactory databases;
    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure.register(registry, "notification-it");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @BeforeAll
    static void upstream() throws IOException {
        feed = new EventFeed(LocalInfrastructure.get().kafkaBootstrap());
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void close() {
        feed.close();
        receiver.close();
    }

    @Test
    void theInboxTellsThoseConcernedOnceHoweverOftenAnEventComes() {
        String poster = org("street");
        String lead = org("dept");
        String coClaimant = org("dept");
        String topicId = "t-" + UUID.randomUUID();

        // The claim comes before the publication it needs (another Kafka topic): it waits with the topic's record.
        EventEnvelope claim = publish(new ClaimSubmitted(topicId, 1, "c-1", lead, List.of(coClaimant), "plan", later(50), true), staff(lead));
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting(topicId).size() == 1);
        assertThat(inbox(poster).get("notifications")).isEmpty();

        publish(published(topicId, poster, "老旧小区加装电梯"), staff(poster));
        EventEnvelope award = publish(new ClaimAwarded(topicId, 1, "c-1", lead, List.of(coClaimant), later(50), true,
                ClaimAwarded.AwardedBy.POSTER), staff(poster));
        await().atMost(Duration.ofSeconds(30)).until(() -> unread(poster) == 1 && unread(lead) == 1 && unread(coClaimant) == 1);
        assertThat(waiting(topicId)).isEmpty();

        JsonNode posterInbox = inbox(poster);
        assertThat(posterInbox.get("recipient").asString()).isEqualTo(poster);
        assertThat(posterInbox.get("unread").asInt()).isEqualTo(1);
        JsonNode told = posterInbox.get("notifications").get(0);
        assertThat(told.get("id").asString()).isEqualTo(claim.eventId() + ":" + poster);
        assertThat(told.get("eventType").asString()).isEqualTo("ClaimSubmitted");
        assertThat(told.get("topicId").asString()).isEqualTo(topicId);
        assertThat(told.get("title").asString()).isEqualTo("老旧小区加装电梯");
        assertThat(told.get("round").asInt()).isEqualTo(1);
        assertThat(told.get("fields").get("leadOrgId").asString()).isEqualTo(lead);
        assertThat(told.get("read").asBoolean()).isFalse();
        assertThat(inbox(lead).get("notifications").get(0).get("eventType").asString())
                .as("the poster awarded it: the team hears, the poster does not hear of its own act").isEqualTo("ClaimAwarded");

        // Kafka delivers both again, twice; a later claim on the same partition tells when they have been handled.
        for (int again = 0; again < 2; again++) {
            send(claim);
            send(award);
        }
        EventEnvelope marker = publish(new ClaimSubmitted(topicId, 1, "c-2", org("dept"), List.of(), "plan", later(50), true),
                staff("dept-x"));
        await().atMost(Duration.ofSeconds(30)).until(() -> unread(poster) == 2);
        assertThat(ids(inbox(poster))).containsExactly(marker.eventId() + ":" + poster, claim.eventId() + ":" + poster);
        assertThat(ids(inbox(lead))).containsExactly(award.eventId() + ":" + lead);
        assertThat(ids(inbox(coClaimant))).containsExactly(award.eventId() + ":" + coClaimant);

        // Reading
        Answer read = call(HttpMethod.POST, "/api/inbox/" + claim.eventId() + ":" + poster + "/read", staffToken(poster), null, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("unread").asInt()).isEqualTo(1);
        assertThat(call(HttpMethod.GET, "/api/inbox/unread-count", staffToken(poster), null, null).body().get("unread").asInt())
                .isEqualTo(1);
        send(claim);
        EventEnvelope secondMarker = publish(new ClaimSubmitted(topicId, 1, "c-3", org("dept"), List.of(), "plan", later(50), true),
                staff("dept-y"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(inbox(poster)).contains(secondMarker.eventId() + ":" + poster));
        JsonNode afterRedelivery = inbox(poster);
        assertThat(afterRedelivery.get("unread").asInt()).as("a redelivery does not make a read notification unread").isEqualTo(2);
        assertThat(afterRedelivery.get("notifications").get(2).get("read").asBoolean()).isTrue();
        assertThat(call(HttpMethod.GET, "/api/inbox?limit=1", staffToken(poster), null, null).body().get("notifications"))
                .hasSize(1);

        assertThat(call(HttpMethod.POST, "/api/inbox/read-all", staffToken(poster), null, null).body().get("unread").asInt()).isZero();
        assertThat(unread(poster)).isZero();
        assertThat(inbox(poster).get("notifications")).allSatisfy(entry -> assertThat(entry.get("read").asBoolean()).isTrue());

        Answer unknown = call(HttpMethod.POST, "/api/inbox/nothing-such/read", staffToken(poster), null, "zh-CN");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("type").asString()).endsWith("/notification-not-found");
        assertThat(call(HttpMethod.GET, "/api/inbox?limit=0", staffToken(poster), null, null).status()).isEqualTo(400);
        assertThat(call(HttpMethod.GET, "/api/inbox?limit=" + (INBOX_SIZE + 1), staffToken(poster), null, null).status()).isEqualTo(400);
        Answer analyst = call(HttpMethod.GET, "/api/inbox", analystToken(), null, "en");
        assertThat(analyst.status()).isEqualTo(403);
        assertThat(analyst.body().get("type").asString()).endsWith("/no-inbox");
    }

    @Test
    void anInboxKeepsItsNewestAndAnOldEventComingAgainChangesNothing() {
        String poster = org("street");
        String topicId = "t-" + UUID.randomUUID();
        publish(published(topicId, poster, "垃圾分类"), staff(poster));
        Instant start = Instant.now();
        List<EventEnvelope> reports = new ArrayList<>();
        for (int i = 1; i <= INBOX_SIZE + 2; i++) {
            reports.add(publish(new ProgressReported(topicId, 1, "p-" + i, "dept-01", 10 * i, "进展", null), staff("dept-01"),
                    start.plusSeconds(i)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(inbox(poster)).contains(idOf(reports.get(INBOX_SIZE + 1), poster)));
        assertThat(ids(inbox(poster))).containsExactly(idOf(reports.get(6), poster), idOf(reports.get(5), poster),
                idOf(reports.get(4), poster), idOf(reports.get(3), poster), idOf(reports.get(2), poster));
        assertThat(unread(poster)).as("only what the inbox holds is unread").isEqualTo(INBOX_SIZE);

        send(reports.get(0));
        send(reports.get(6));
        EventEnvelope marker = publish(new ProgressReported(topicId, 1, "p-8", "dept-01", 80, "进展", null), staff("dept-01"),
                start.plusSeconds(8));
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(inbox(poster)).contains(idOf(marker, poster)));
        assertThat(ids(inbox(poster))).containsExactly(idOf(marker, poster), idOf(reports.get(6), poster),
                idOf(reports.get(5), poster), idOf(reports.get(4), poster), idOf(reports.get(3), poster));
        assertThat(unread(poster)).isEqualTo(INBOX_SIZE);
        assertThat(call(HttpMethod.POST, "/api/inbox/" + idOf(reports.get(0), poster) + "/read", staffToken(poster), null, null)
                .status()).as("it left the inbox").isEqualTo(404);
    }

    @Test
    void theDistrictRolesHearInTheirOwnInboxes() {
        String poster = org("street");
        String topicId = "t-" + UUID.randomUUID();
        publish(published(topicId, poster, "路灯维修"), staff(poster));
        EventEnvelope unclaimed = publish(new TopicUnclaimed(topicId, 1), Actor.SYSTEM);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ids(inboxWith(TestTokens.coordinator())).contains(unclaimed.eventId() + ":coordinator"));
        assertThat(ids(inboxWith(leaderToken()))).doesNotContain(unclaimed.eventId() + ":leadership");
        assertThat(ids(inbox(poster))).containsExactly(unclaimed.eventId() + ":" + poster);
    }

    @Test
    void theCoordinatorsHearOnceThatAPeriodsDigestIsReadyWithItsLinkInTheInboxAndByEMail() throws Exception {
        String address = "coordination-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        assertThat(call(HttpMethod.PUT, "/api/notification-settings/coordinator", TestTokens.coordinator(), Map.of("language", "zh-CN",
                "email", Map.of("enabled", true, "address", address, "events", List.of("ReportingPeriodClosed"))), "zh-CN").status())
                .isEqualTo(200);
        String batchId = "b-" + UUID.randomUUID();
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = end.minus(14, ChronoUnit.DAYS);
        ReportingPeriodClosed.TopicLine late = new ReportingPeriodClosed.TopicLine("t-1", "老旧小区加装电梯", "dept-01",
                start, 40, start, 2);
        EventEnvelope closed = publish(new ReportingPeriodClosed(batchId, 2, start, end, end,
                List.of(new ReportingPeriodClosed.OrganisationProgress("dept-01", 1, 0, 0, 40, 1, 1, 1)), List.of(late),
                List.of(late)), Actor.SYSTEM);
        String id = closed.eventId() + ":coordinator";
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(inboxWith(TestTokens.coordinator())).contains(id));

        // Kafka delivers it again, twice; a later digest of the same batch (the same partition) tells when they are handled.
        send(closed);
        send(closed);
        EventEnvelope marker = publish(new ReportingPeriodClosed(batchId, 3, end, end.plus(14, ChronoUnit.DAYS), end,
                List.of(), List.of(), List.of()), Actor.SYSTEM);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ids(inboxWith(TestTokens.coordinator())).contains(marker.eventId() + ":coordinator"));
        List<String> inbox = ids(inboxWith(TestTokens.coordinator()));
        assertThat(inbox.subList(0, 2)).containsExactly(marker.eventId() + ":coordinator", id);
        assertThat(inbox).filteredOn(id::equals).as("once however often it comes").hasSize(1);

        JsonNode told = inboxWith(TestTokens.coordinator()).get("notifications").get(1);
        assertThat(told.get("eventType").asString()).isEqualTo("ReportingPeriodClosed");
        assertThat(told.get("topicId") == null || told.get("topicId").isNull()).as("about a batch, not a topic").isTrue();
        assertThat(told.get("link").asString()).isEqualTo("#/digests?batch=" + batchId + "&period=2");
        JsonNode fields = told.get("fields");
        assertThat(fields.get("batchId").asString()).isEqualTo(batchId);
        assertThat(fields.get("period").asInt()).isEqualTo(2);
        assertThat(Instant.parse(fields.get("periodStart").asString())).isEqualTo(start);
        assertThat(Instant.parse(fields.get("periodEnd").asString())).isEqualTo(end);
        assertThat(fields.get("overdue").asInt()).isEqualTo(1);
        assertThat(fields.get("escalated").asInt()).isEqualTo(1);
        assertThat(fields.get("organisations").asInt()).isEqualTo(1);
        assertThat(told.get("read").asBoolean()).isFalse();
        assertThat(ids(inbox(org("dept")))).as("nobody else hears of it").isEmpty();

        await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.getReceivedMessagesForDomain(address).length == 2);
        MimeMessage mail = Arrays.stream(SMTP.getReceivedMessagesForDomain(address))
                .filter(message -> header(message, "X-Jiebang-Delivery").equals(id + ":EMAIL")).findFirst().orElseThrow();
        ZoneId district = ZoneId.of("Asia/Shanghai");
        assertThat(mail.getSubject()).isEqualTo("【揭榜】批次 " + batchId + "：第 2 期调度通报已生成");
        assertThat(text(mail)).contains("批次 " + batchId + " 第 2 期（" + LocalDate.ofInstant(start, district) + " 至 "
                        + LocalDate.ofInstant(end.minusNanos(1), district) + "）调度通报已生成：逾期榜单 1 项，催办督办 1 项，涉及牵头单位 1 家。")
                .contains("查看通报：http://console.test/#/digests?batch=" + batchId + "&period=2");
        Answer log = call(HttpMethod.GET, "/api/notification-settings/coordinator/deliveries?channel=EMAIL", TestTokens.coordinator(),
                null, null);
        JsonNode delivery = StreamSupport.stream(log.body().spliterator(), false)
                .filter(d -> d.get("id").asString().equals(id + ":EMAIL")).findFirst().orElseThrow();
        assertThat(delivery.get("link").asString()).isEqualTo("#/digests?batch=" + batchId + "&period=2");
        assertThat(delivery.get("eventType").asString()).isEqualTo("ReportingPeriodClosed");
    }

    static String header(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? "" : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void newsOfLongAgoTellsNobody() {
        String poster = org("street");
        String topicId = "t-" + UUID.randomUUID();
        publish(published(topicId, poster, "公园改造"), staff(poster), Instant.now().minus(30, ChronoUnit.DAYS));
        EventEnvelope old = publish(new ProgressReported(topicId, 1, "p-old", "dept-01", 10, "进展", null), staff("dept-01"),
                Instant.now().minus(8, ChronoUnit.DAYS));
        EventEnvelope recent = publish(new ProgressReported(topicId, 1, "p-new", "dept-01", 20, "进展", null), staff("dept-01"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(inbox(poster)).contains(idOf(recent, poster)));
        assertThat(ids(inbox(poster))).as("an event older than notify-within (7 days) only teaches facts")
                .containsExactly(idOf(recent, poster)).doesNotContain(idOf(old, poster));
    }

    @Test
    void twoInstancesAndRedeliveriesMakeEachNotificationAndDeliveryOnce() {
        String poster = org("street");
        String address = poster + "@example.org";
        assertThat(putSettings(poster, Map.of("language", "zh-CN",
                "email", Map.of("enabled", true, "address", address),
                "webhook", Map.of("enabled", true, "url", receiver.url("/" + poster), "secret", SECRET)), "zh-CN").status())
                .isEqualTo(200);
        String firstGroup = environment.getRequiredProperty("spring.cloud.stream.bindings.inbox-in-0.group");
        String secondGroup = firstGroup + "-second";
        // A second instance on the same store, in a consumer group of its own: it reads everything the first reads,
        // at the same time, and every event published before it started once more.
        try (ConfigurableApplicationContext second = secondInstance(secondGroup)) {
            String topicId = "t-" + UUID.randomUUID();
            publish(published(topicId, poster, "背街小巷整治"), staff(poster));
            List<EventEnvelope> reports = new ArrayList<>();
            for (int percent = 10; percent <= 50; percent += 10) {
                reports.add(publish(new ProgressReported(topicId, 1, "p-" + percent, "dept-01", percent, "进展", null), staff("dept-01")));
            }
            reports.forEach(NotificationServiceIT::send);
            awaitConsumed(firstGroup);
            awaitConsumed(secondGroup);
            await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(poster, "status=SENT").size() == 2 * reports.size());

            assertThat(ids(inbox(poster))).containsExactlyInAnyOrderElementsOf(
                    reports.stream().map(report -> report.eventId() + ":" + poster).toList());
            assertThat(unread(poster)).isEqualTo(reports.size());
            assertThat(deliveries(poster, null)).hasSize(2 * reports.size())
                    .allSatisfy(delivery -> assertThat(delivery.get("attempts").asInt()).isEqualTo(1));
            List<String> posted = receiver.at("/" + poster).stream().map(request -> request.header("X-Jiebang-Delivery")).toList();
            assertThat(posted).as("each webhook delivery POSTed once").hasSize(reports.size()).doesNotHaveDuplicates();
            assertThat(SMTP.getReceivedMessagesForDomain(address)).as("each e-mail sent once").hasSize(reports.size());
        }
    }

    @Test
    void eMailsGoInTheRecipientsLanguageOnlyForTheKindsChosen() throws Exception {
        String poster = org("street");
        String lead = org("dept");
        String posterAddress = poster + "@example.org";
        String leadAddress = lead + "@example.org";
        putSettings(poster, Map.of("language", "zh-CN",
                "email", Map.of("enabled", true, "address", posterAddress, "events", List.of("ClaimSubmitted"))), "zh-CN");
        putSettings(lead, Map.of("language", "en",
                "email", Map.of("enabled", true, "address", leadAddress, "events", List.of("ResolutionRejected"))), "en");
        String topicId = "t-" + UUID.randomUUID();
        publish(published(topicId, poster, "农贸市场改造"), staff(poster));
        publish(new ClaimSubmitted(topicId, 1, "c-1", lead, List.of(), "plan", later(50), true), staff(lead));
        publish(new ClaimAwarded(topicId, 1, "c-1", lead, List.of(), later(50), true, ClaimAwarded.AwardedBy.POSTER), staff(poster));
        publish(new ResolutionRejected(topicId, 1, "r-1", "缺少验收材料", later(5)), staff(poster));

        await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.getReceivedMessagesForDomain(posterAddress).length == 1
                && SMTP.getReceivedMessagesForDomain(leadAddress).length == 1);
        MimeMessage toPoster = SMTP.getReceivedMessagesForDomain(posterAddress)[0];
        assertThat(toPoster.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo(posterAddress);
        assertThat(toPoster.getFrom()[0].toString()).isEqualTo("jiebang@localhost");
        assertThat(toPoster.getSubject()).isEqualTo("【揭榜】农贸市场改造：" + lead + " 揭榜");
        assertThat(text(toPoster)).contains(lead + " 揭榜了您发布的榜单“农贸市场改造”（第 1 轮）")
                .contains("查看榜单：http://console.test/#/topics/" + topicId);
        MimeMessage toLead = SMTP.getReceivedMessagesForDomain(leadAddress)[0];
        assertThat(toLead.getSubject()).isEqualTo("[Jiebang] 农贸市场改造: resolution rejected");
        assertThat(text(toLead)).contains("The poster rejected the resolution of \"农贸市场改造\" (round 1): 缺少验收材料")
                .contains("Open the topic: http://console.test/#/topics/" + topicId);
        assertThat(toLead.getHeader("X-Jiebang-Delivery")[0]).endsWith(":" + lead + ":EMAIL");
        assertThat(unread(lead)).as("the award still went to the inbox").isEqualTo(2);
    }

    @Test
    void webhooksAreSignedAndAFailingOneIsRetriedUntilDeadThenByHand() {
        String healthy = org("street");
        String failing = org("street");
        putSettings(healthy, Map.of("language", "zh-CN", "webhook", Map.of("enabled", true, "url", receiver.url("/" + healthy),
                "secret", SECRET, "events", List.of("TopicUnclaimed"))), null);
        putSettings(failing, Map.of("language", "en", "webhook", Map.of("enabled", true, "url", receiver.url("/" + failing),
                "secret", SECRET)), null);
        receiver.answer("/" + failing, 500);

        String topicId = "t-" + UUID.randomUUID();
        publish(published(topicId, healthy, "河道清淤"), staff(healthy));
        EventEnvelope unclaimed = publish(new TopicUnclaimed(topicId, 1), Actor.SYSTEM);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/" + healthy).size() == 1);
        WebhookReceiver.Request request = receiver.at("/" + healthy).get(0);
        String deliveryId = unclaimed.eventId() + ":" + healthy + ":WEBHOOK";
        assertThat(request.header("X-Jiebang-Event-Id")).isEqualTo(unclaimed.eventId());
        assertThat(request.header("X-Jiebang-Delivery")).isEqualTo(deliveryId);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("X-Jiebang-Signature")).isEqualTo(hmac(SECRET, request.header("X-Jiebang-Timestamp"), request.body()));
        assertThat(request.header("X-Jiebang-Signature")).isNotEqualTo(hmac("another-secret-of-some-length",
                request.header("X-Jiebang-Timestamp"), request.body()));
        JsonNode posted = JSON.readTree(request.body());
        assertThat(posted.get("id").asString()).isEqualTo(unclaimed.eventId() + ":" + healthy);
        assertThat(posted.get("eventId").asString()).isEqualTo(unclaimed.eventId());
        assertThat(posted.get("eventType").asString()).isEqualTo("TopicUnclaimed");
        assertThat(posted.get("recipient").asString()).isEqualTo(healthy);
        assertThat(posted.get("topicId").asString()).isEqualTo(topicId);
        assertThat(posted.get("title").asString()).isEqualTo("河道清淤");
        assertThat(Instant.parse(posted.get("occurredAt").asString())).isEqualTo(unclaimed.occurredAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(posted.get("text").asString()).contains("榜单“河道清淤”（第 1 轮）揭榜期已结束，无人揭榜");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(healthy, "status=SENT&channel=WEBHOOK").size() == 1);

        // The failing receiver: tried at once, then after 1 min, 5 min, 30 min, 2 h and 12 h, then dead.
        String otherTopic = "t-" + UUID.randomUUID();
        publish(published(otherTopic, failing, "公厕改造"), staff(failing));
        EventEnvelope progress = publish(new ProgressReported(otherTopic, 1, "p-1", "dept-01", 30, "进展", null), staff("dept-01"));
        String failingId = progress.eventId() + ":" + failing + ":WEBHOOK";
        await().atMost(Duration.ofSeconds(30)).until(() -> attemptsOf(failing, failingId) == 1);
        JsonNode first = delivery(failing, failingId);
        assertThat(first.get("status").asString()).isEqualTo("FAILED");
        assertThat(first.get("lastError").asString()).contains("500");
        assertThat(Duration.between(Instant.parse(first.get("createdAt").asString()), Instant.parse(first.get("nextAttemptAt").asString())))
                .isBetween(Duration.ofMinutes(1), Duration.ofMinutes(2));
        advance(Duration.ofSeconds(30));
        assertThat(attemptsOf(failing, failingId)).as("not due before its wait").isEqualTo(1);
        advance(Duration.ofSeconds(30));
        assertThat(attemptsOf(failing, failingId)).isEqualTo(2);
        int attempts = 2;
        for (Duration wait : List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2))) {
            advance(wait.minusSeconds(10));
            assertThat(attemptsOf(failing, failingId)).as("not due before %s", wait).isEqualTo(attempts);
            advance(Duration.ofSeconds(10));
            assertThat(attemptsOf(failing, failingId)).isEqualTo(++attempts);
            assertThat(delivery(failing, failingId).get("status").asString()).isEqualTo("FAILED");
        }
        advance(Duration.ofHours(12));
        JsonNode dead = delivery(failing, failingId);
        assertThat(dead.get("status").asString()).isEqualTo("DEAD");
        assertThat(dead.get("attempts").asInt()).isEqualTo(6);
        assertThat(dead.get("nextAttemptAt").isNull()).isTrue();
        assertThat(receiver.at("/" + failing)).hasSize(6);
        assertThat(deliveries(failing, "status=DEAD&channel=WEBHOOK")).extracting(d -> d.get("id").asString()).containsExactly(failingId);
        assertThat(deliveries(failing, "status=SENT")).isEmpty();
        assertThat(deliveries(failing, "channel=EMAIL")).isEmpty();
        advance(Duration.ofDays(1));
        assertThat(receiver.at("/" + failing)).as("a dead delivery waits for a hand").hasSize(6);
        assertThat(metrics()).contains("jiebang_notification_deliveries_dead").containsPattern(
                "jiebang_notification_deliveries_total\\{[^}]*channel=\"webhook\"[^}]*outcome=\"dead\"[^}]*} 1.0");

        // Refusals, then the hand's retry once the receiver is back
        Answer notDead = call(HttpMethod.POST, "/api/notification-settings/" + healthy + "/deliveries/" + deliveryId + "/retry",
                staffToken(healthy), null, "zh-CN");
        assertThat(notDead.status()).isEqualTo(409);
        assertThat(notDead.body().get("detail").asString()).contains("已发送");
        assertThat(call(HttpMethod.POST, "/api/notification-settings/" + failing + "/deliveries/" + deliveryId + "/retry",
                staffToken(failing), null, null).status()).as("another recipient's delivery").isEqualTo(404);
        assertThat(call(HttpMethod.POST, "/api/notification-settings/" + failing + "/deliveries/" + failingId + "/retry",
                staffToken(healthy), null, null).status()).isEqualTo(403);
        assertThat(call(HttpMethod.GET, "/api/notification-settings/" + failing + "/deliveries?status=LOST",
                staffToken(failing), null, null).status()).isEqualTo(400);

        receiver.answer("/" + failing, 204);
        Answer retried = call(HttpMethod.POST, "/api/notification-settings/" + failing + "/deliveries/" + failingId + "/retry",
                staffToken(failing), null, null);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.body().get("status").asString()).isEqualTo("PENDING");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(delivery(failing, failingId).get("status").asString()));
        assertThat(delivery(failing, failingId).get("attempts").asInt()).isEqualTo(7);
        WebhookReceiver.Request last = receiver.at("/" + failing).get(6);
        assertThat(last.header("X-Jiebang-Signature")).isEqualTo(hmac(SECRET, last.header("X-Jiebang-Timestamp"), last.body()));
        assertThat(JSON.readTree(last.body()).get("text").asString()).contains("reported progress on \"公厕改造\"");
    }

    @Test
    void settingsAreCheckedInTheAskersLanguageAndKeptFromOthers() {
        String org = org("street");
        Map<String, Object> badAddress = Map.of("language", "zh-CN", "email", Map.of("enabled", true, "address", "not-an-address"));
        Answer chinese = putSettings(org, badAddress, "zh-CN");
        assertThat(chinese.status()).isEqualTo(400);
        assertThat(chinese.body().get("type").asString()).isEqualTo("https://jiebang.io/problems/email-address-invalid");
        assertThat(chinese.body().get("errors").get(0).get("field").asString()).isEqualTo("email.address");
        assertThat(chinese.body().get("errors").get(0).get("message").asString()).isEqualTo("not-an-address 不是有效的邮箱地址");
        Answer english = putSettings(org, badAddress, "en");
        assertThat(english.body().get("errors").get(0).get("message").asString()).isEqualTo("not-an-address is not an e-mail address");

        Answer shortSecret = putSettings(org, Map.of("language", "en",
                "webhook", Map.of("enabled", true, "url", "https://hooks.example.org/x", "secret", "short")), "zh-CN");
        assertThat(shortSecret.status()).isEqualTo(400);
        assertThat(shortSecret.body().get("errors").get(0).get("field").asString()).isEqualTo("webhook.secret");
        assertThat(shortSecret.body().get("detail").asString()).isEqualTo("Webhook 密钥至少需要 16 个字符");
        Answer noLanguage = putSettings(org, Map.of("inbox", Map.of("events", List.of("ClaimSubmitted"))), "zh-CN");
        assertThat(noLanguage.status()).isEqualTo(400);
        assertThat(noLanguage.body().get("errors").get(0).get("message").asString()).isEqualTo("必须填写");
        Answer unknownKind = putSettings(org, Map.of("language", "en", "inbox", Map.of("events", List.of("TopicPosted"))), "en");
        assertThat(unknownKind.body().get("detail").asString()).isEqualTo("TopicPosted is not a kind of event that notifies");
        assertThat(putSettings(org, Map.of("language", "fr"), "en").status()).isEqualTo(400);

        Answer saved = putSettings(org, Map.of("language", "en", "inbox", Map.of("events", List.of("ClaimSubmitted")),
                "webhook", Map.of("enabled", true, "url", "https://hooks.example.org/x", "secret", SECRET)), "en");
        assertThat(saved.status()).isEqualTo(200);
        JsonNode settings = call(HttpMethod.GET, "/api/notification-settings/" + org, staffToken(org), null, null).body();
        assertThat(settings.get("language").asString()).isEqualTo("en");
        assertThat(settings.get("inbox").get("events")).extracting(JsonNode::asString).containsExactly("ClaimSubmitted");
        assertThat(settings.get("email").get("enabled").asBoolean()).isFalse();
        assertThat(settings.get("webhook").get("secretSet").asBoolean()).isTrue();
        assertThat(settings.get("webhook").has("secret")).isFalse();
        assertThat(settings.toString()).doesNotContain(SECRET);
        assertThat(putSettings(org, Map.of("language", "en",
                "webhook", Map.of("enabled", true, "url", "https://hooks.example.org/y")), "en").status())
                .as("the secret set before is kept").isEqualTo(200);
        Document stored = Mono.from(databases.getMongoDatabase().block().getCollection("notification_settings")
                .find(Filters.eq("_id", org)).first()).block();
        assertThat(stored.get("webhook", Document.class).getString("secret")).isEqualTo(SECRET);
        assertThat(stored.getList("knownKinds", String.class)).isEqualTo(NotificationRules.KINDS);

        // Saved by the first version, which kept no kinds with the settings: the kinds added since are chosen
        Mono.from(databases.getMongoDatabase().block().getCollection("notification_settings")
                .updateOne(Filters.eq("_id", org), Updates.combine(Updates.set("inboxEvents", List.of("ClaimSubmitted")),
                        Updates.unset("knownKinds")))).block();
        assertThat(call(HttpMethod.GET, "/api/notification-settings/" + org, staffToken(org), null, null).body()
                .get("inbox").get("events")).extracting(JsonNode::asString).containsExactly("ClaimSubmitted", NotificationRules.DIGEST);

        Answer someoneElse = call(HttpMethod.GET, "/api/notification-settings/" + org, staffToken(org("street")), null, "zh-CN");
        assertThat(someoneElse.status()).isEqualTo(403);
        assertThat(someoneElse.body().get("detail").asString()).contains("只有 " + org + " 的工作人员");
        assertThat(putSettings(org, Map.of("language", "en"), null, staffToken("dept-01")).status()).isEqualTo(403);
        assertThat(call(HttpMethod.GET, "/api/notification-settings/" + org, TestTokens.coordinator(), null, null).status())
                .as("an organisation not heard of in the directory is no coordinator's").isEqualTo(403);
        // Once the public directory says the organisation is the first district's, that district's coordinator manages
        // it, and another district's does not (docs/tenancy.md).
        publish(new OrgRegistered(org, "部门", null, OrgKind.DEPARTMENT, null), Actor.SYSTEM);
        await().atMost(Duration.ofSeconds(30)).until(() -> call(HttpMethod.GET, "/api/notification-settings/" + org,
                TestTokens.coordinator(), null, null).status() == 200);
        assertThat(call(HttpMethod.GET, "/api/notification-settings/" + org, TestTokens.coordinatorOf("d2"), null, null)
                .status()).isEqualTo(403);
        assertThat(call(HttpMethod.GET, "/api/notification-settings/coordinator", TestTokens.coordinatorOf("d2"), null, null)
                .status()).isEqualTo(403);
        assertThat(call(HttpMethod.GET, "/api/notification-settings/coordinator-d2", TestTokens.coordinatorOf("d2"), null, null)
                .status()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/notification-settings/coordinator", TestTokens.coordinator(), null, null).status())
                .isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/notification-settings/leadership", leaderToken(), null, null).status()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/notification-settings/coordinator", leaderToken(), null, null).status()).isEqualTo(403);
        assertThat(call(HttpMethod.GET, "/api/notification-settings/" + org, analystToken(), null, null).status()).isEqualTo(403);
        assertThat(call(HttpMethod.GET, "/api/notification-settings/" + org, null, null, null).status()).isEqualTo(401);
    }

    // --- the board's events, as the other services publish their public copies ---

    static EventEnvelope publish(DomainEvent event, Actor actor) {
        return publish(event, actor, Instant.now());
    }

    static EventEnvelope publish(DomainEvent event, Actor actor, Instant occurredAt) {
        EventEnvelope envelope = EventEnvelope.wrap(event, 1, occurredAt, "/jiebang/test-feed", actor, UUID.randomUUID().toString(), null);
        send(envelope);
        return envelope;
    }

    /** Sends the event's public copy to the public topic beside its own, again when sent again (a redelivery). */
    static void send(EventEnvelope internal) {
        EventEnvelope copy = PublicEvents.publicCopy(internal).orElseThrow();
        feed.sendRaw(KafkaTopics.publicTopic(internal.kafkaTopic()), internal.aggregateId(), EventCodec.encode(copy));
    }

    static TopicPublished published(String topicId, String poster, String title) {
        return new TopicPublished(topicId, "b-1", poster, Direction.STREET_TO_DEPARTMENT, title, "SW-01", later(60),
                ClaimMode.POSTER_SELECTS, 2);
    }

    static Instant later(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS);
    }

    static String org(String kind) {
        return kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Actor staff(String org) {
        return new Actor("u-" + org, org, Actor.Role.STAFF);
    }

    // --- the service's API ---

    record Answer(int status, JsonNode body) {
    }

    Answer call(HttpMethod method, String path, String token, Object body, String language) {
        WebClient.RequestBodySpec request = WebClient.create("http://127.0.0.1:" + port).method(method).uri(path)
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                    if (language != null) {
                        headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
                    }
                });
        WebClient.RequestHeadersSpec<?> ready = body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                        .map(json -> new Answer(response.statusCode().value(), json))
                        .defaultIfEmpty(new Answer(response.statusCode().value(), null)))
                .block(Duration.ofSeconds(30));
    }

    Answer putSettings(String recipient, Map<String, Object> settings, String language) {
        return putSettings(recipient, settings, language, staffToken(recipient));
    }

    Answer putSettings(String recipient, Map<String, Object> settings, String language, String token) {
        return call(HttpMethod.PUT, "/api/notification-settings/" + recipient, token, settings, language);
    }

    JsonNode inbox(String org) {
        return inboxWith(staffToken(org));
    }

    JsonNode inboxWith(String token) {
        Answer inbox = call(HttpMethod.GET, "/api/inbox", token, null, null);
        assertThat(inbox.status()).isEqualTo(200);
        return inbox.body();
    }

    int unread(String org) {
        return call(HttpMethod.GET, "/api/inbox/unread-count", staffToken(org), null, null).body().get("unread").asInt();
    }

    static String idOf(EventEnvelope event, String recipient) {
        return event.eventId() + ":" + recipient;
    }

    static List<String> ids(JsonNode inbox) {
        List<String> ids = new ArrayList<>();
        inbox.get("notifications").forEach(entry -> ids.add(entry.get("id").asString()));
        return ids;
    }

    List<JsonNode> deliveries(String recipient, String query) {
        Answer log = call(HttpMethod.GET, "/api/notification-settings/" + recipient + "/deliveries" + (query == null ? "" : "?" + query),
                staffToken(recipient), null, null);
        assertThat(log.status()).isEqualTo(200);
        List<JsonNode> deliveries = new ArrayList<>();
        log.body().forEach(deliveries::add);
        return deliveries;
    }

    JsonNode delivery(String recipient, String id) {
        return deliveries(recipient, null).stream().filter(d -> d.get("id").asString().equals(id)).findFirst().orElseThrow();
    }

    int attemptsOf(String recipient, String id) {
        return deliveries(recipient, null).stream().filter(d -> d.get("id").asString().equals(id))
                .mapToInt(d -> d.get("attempts").asInt()).findFirst().orElse(0);
    }

    /** Moves the service's clock; it answers once whatever fell due has run. */
    void advance(Duration by) {
        assertThat(call(HttpMethod.POST, "/internal/clock/advance", null, Map.of("by", by.toString()), null).status()).isEqualTo(200);
    }

    String metrics() {
        return WebClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class)
                .block(Duration.ofSeconds(30));
    }

    List<Document> waiting(String topicId) {
        Document record = Mono.from(databases.getMongoDatabase().block().getCollection("topic_records")
                .find(Filters.eq("_id", topicId)).first()).block();
        return record == null ? List.of() : record.getList("waiting", Document.class, List.of());
    }

    static String staffToken(String org) {
        return TestTokens.staff("u-" + org, org);
    }

    static String leaderToken() {
        return TestTokens.token("leader", null, List.of("LEADERSHIP"), Instant.now().plusSeconds(3600));
    }

    static String analystToken() {
        return TestTokens.token("analyst", null, List.of("ANALYST"), Instant.now().plusSeconds(3600));
    }

    static String text(MimeMessage message) throws Exception {
        return String.valueOf(message.getContent());
    }

    /** The signature a receiver computes with the secret it shares: HMAC-SHA256 over timestamp, dot and body. */
    static String hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- a second instance, and knowing when a consumer group has read everything ---

    ConfigurableApplicationContext secondInstance(String group) {
        List<String> arguments = new ArrayList<>();
        for (String shared : List.of("spring.cloud.stream.kafka.binder.brokers", "spring.mongodb.uri", "spring.mongodb.database",
                "spring.mail.host", "spring.mail.port", "jiebang.notification.webhook-allow-http", "jiebang.notification.webhook-allow-internal",
                "jiebang.notification.console-url")) {
            arguments.add("--" + shared + "=" + environment.getRequiredProperty(shared));
        }
        arguments.add("--spring.cloud.stream.bindings.inbox-in-0.group=" + group);
        arguments.add("--jiebang.instance=notification-second");
        arguments.add("--server.port=0");
        // As arguments: they come before the service's own configuration, as the test's dynamic properties do.
        return new SpringApplicationBuilder(NotificationServiceApplication.class, ServiceTestSupport.TrustTestTokens.class)
                .run(arguments.toArray(String[]::new));
    }

    /** Waits until the group has handled every record on the public topics the service reads. */
    static void awaitConsumed(String group) {
        List<String> topics = List.of(KafkaTopics.publicTopic(KafkaTopics.TOPICS), KafkaTopics.publicTopic(KafkaTopics.CLAIMS),
                KafkaTopics.publicTopic(KafkaTopics.DISPATCH), KafkaTopics.publicTopic(KafkaTopics.RESOLUTIONS));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.get().kafkaBootstrap()))) {
            Map<TopicPartition, OffsetSpec> ends = new LinkedHashMap<>();
            admin.describeTopics(topics).allTopicNames().get().values().forEach(topic -> topic.partitions()
                    .forEach(partition -> ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> end = new LinkedHashMap<>();
            admin.listOffsets(ends).all().get().forEach((partition, offset) -> end.put(partition, offset.offset()));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** An organisation's webhook endpoint: answers 200 unless told otherwise per path, and keeps every request. */
    static final class WebhookReceiver implements AutoCloseable {

        record Request(String path, Map<String, List<String>> headers, byte[] body) {

            String header(String name) {
                return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                        .map(e -> e.getValue().get(0)).findFirst().orElse(null);
            }
        }

        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(4);
        private final List<Request> received = new CopyOnWriteArrayList<>();
        private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();

        WebhookReceiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.setExecutor(threads);
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void answer(String path, int status) {
            answers.computeIfAbsent(path, p -> new AtomicInteger()).set(status);
        }

        List<Request> at(String path) {
            return received.stream().filter(request -> request.path().equals(path)).toList();
        }

        private void handle(HttpExchange exchange) {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
                int status = answers.getOrDefault(exchange.getRequestURI().getPath(), new AtomicInteger(200)).get();
                exchange.sendResponseHeaders(status, -1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
