package io.jiebang.notification.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.Actor;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.ClaimSubmitted;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicUnclaimed;
import io.jiebang.events.dispatch.EscalationRaised;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.dispatch.ReportingPeriodClosed;
import io.jiebang.events.resolution.AppealDecided;
import io.jiebang.events.resolution.AppealLodged;
import io.jiebang.events.resolution.EvaluationClosed;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.notification.domain.Language;
import io.jiebang.notification.domain.Notification;
import io.jiebang.notification.domain.NotificationRules;
import io.jiebang.notification.domain.TopicRecord;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class NotificationTextsTest {

    static final Instant AT = Instant.parse("2026-03-10T08:00:00Z");
    static final TopicRecord RECORD = new TopicRecord("t-42", "street-01", "老旧小区加装电梯", "b1",
            Map.of(1, new TopicRecord.Team("dept-01", List.of("dept-02"), false)), Map.of("a1", "dept-01"));
    /** One event of every kind that notifies, with the fields the rules give it. */
    static final List<DomainEvent> ONE_OF_EACH = List.of(
            new ClaimSubmitted("t-42", 1, "c1", "dept-01", List.of(), null, AT, true),
            new ClaimAwarded("t-42", 1, "c1", "dept-01", List.of("dept-02", "dept-03"), AT, true, ClaimAwarded.AwardedBy.FIRST_COME),
            new TopicAssigned("t-42", 1, "dept-01", AT),
            new TopicUnclaimed("t-42", 1),
            new ProgressReported("t-42", 1, "p1", "dept-01", 40, "选址", "选址"),
            new EscalationRaised("t-42", 1, "e1", "b1", "dept-01", 2, EscalationRaised.Reason.MISSED_TWO_PERIODS, AT),
            new ResolutionSubmitted("t-42", 1, "r1", "dept-01", "完成", null),
            new ResolutionRejected("t-42", 1, "r1", "材料不全", AT),
            new ResolutionAccepted("t-42", 1, "r1", "dept-01", false, AT),
            new EvaluationClosed("t-42", 1, 1, 0, 2, EvaluationClosed.Outcome.REOPENED, EvaluationClosed.Cause.WINDOW_ENDED),
            new AppealLodged("t-42", 1, "a1", AppealLodged.Subject.EVALUATION_OUTCOME, "dept-01", "理由", null),
            new AppealDecided("t-42", 1, "a1", AppealLodged.Subject.EVALUATION_OUTCOME, AppealDecided.Ruling.UPHELD, "维持"));

    final NotificationTexts texts = new NotificationTexts(
            new NotificationProperties("http://console.test/", null, null, null, null, false, false, null));

    @Test
    void everyKindIsWordedInBothLanguagesWithNothingLeftUnfilled() {
        assertThat(ONE_OF_EACH).extracting(event -> event.getClass().getSimpleName())
                .containsExactlyInAnyOrderElementsOf(NotificationRules.KINDS.stream()
                        .filter(kind -> !kind.equals(NotificationRules.DIGEST)).toList());
        for (DomainEvent event : ONE_OF_EACH) {
            Notification notification = notificationOf(event);
            for (Language language : Language.values()) {
                NotificationTexts.Text text = texts.render(notification, language);
                assertThat(text.subject() + text.body()).as("%s in %s", notification.eventType(), language)
                        .doesNotContain("{").doesNotContain("}").contains("老旧小区加装电梯");
                assertThat(text.body()).endsWith("http://console.test/#/topics/t-42");
            }
        }
    }

    @Test
    void theWordsAreTheRecipientsLanguage() {
        Notification escalation = notificationOf(ONE_OF_EACH.get(5));
        NotificationTexts.Text chinese = texts.render(escalation, Language.ZH_CN);
        assertThat(chinese.subject()).isEqualTo("【揭榜】老旧小区加装电梯：已升级至区调度中心");
        assertThat(chinese.body()).isEqualTo("榜单“老旧小区加装电梯”（第 1 轮）办理滞后：连续两期未报进度（已升级至区调度中心）。"
                + "\n\n查看榜单：http://console.test/#/topics/t-42");
        NotificationTexts.Text english = texts.render(escalation, Language.EN);
        assertThat(english.subject()).isEqualTo("[Jiebang] 老旧小区加装电梯: escalation to the coordinator");
        assertThat(english.body()).startsWith("\"老旧小区加装电梯\" (round 1) is behind: two progress reports are overdue.");

        NotificationTexts.Text award = texts.render(notificationOf(ONE_OF_EACH.get(1)), Language.EN);
        assertThat(award.body()).contains("with the co-claimants dept-02, dept-03 (first come)");
        NotificationTexts.Text alone = texts.render(notificationOf(ONE_OF_EACH.get(0)), Language.ZH_CN);
        assertThat(alone.body()).contains("协办单位：无");
    }

    @Test
    void theDigestIsWordedWithItsBatchItsDaysInTheDistrictAndItsCountsAndLinksToItsPage() {
        // 1 to 14 March in Beijing time: from midnight of the 1st to midnight of the 15th.
        ReportingPeriodClosed.TopicLine late = new ReportingPeriodClosed.TopicLine("t1", "加装电梯", "dept-01", AT, 40, AT, 2);
        ReportingPeriodClosed closed = new ReportingPeriodClosed("b-7", 1, Instant.parse("2026-02-28T16:00:00Z"),
                Instant.parse("2026-03-14T16:00:00Z"), AT,
                List.of(new ReportingPeriodClosed.OrganisationProgress("dept-01", 1, 0, 0, 40, 1, 1, 1),
                        new ReportingPeriodClosed.OrganisationProgress("dept-02", 1, 0, 0, null, 0, 1, 0),
                        new ReportingPeriodClosed.OrganisationProgress("dept-03", 0, 0, 2, 100, 4, 0, 0)),
                List.of(late, new ReportingPeriodClosed.TopicLine("t2", "垃圾分类", "dept-02", AT, null, null, 0)), List.of(late));
        Notification digest = NotificationRules.decideBatch(EventEnvelope.wrap(closed, 1, AT, "/test", Actor.SYSTEM, "c", null))
                .get(0);

        NotificationTexts.Text chinese = texts.render(digest, Language.ZH_CN);
        assertThat(chinese.subject()).isEqualTo("【揭榜】批次 b-7：第 1 期调度通报已生成");
        assertThat(chinese.body()).isEqualTo("批次 b-7 第 1 期（2026-03-01 至 2026-03-14）调度通报已生成：逾期榜单 2 项，催办督办 1 项，"
                + "涉及牵头单位 3 家。\n\n查看通报：http://console.test/#/digests?batch=b-7&period=1");
        assertThat(chinese.link()).isEqualTo("http://console.test/#/digests?batch=b-7&period=1");
        NotificationTexts.Text english = texts.render(digest, Language.EN);
        assertThat(english.subject()).isEqualTo("[Jiebang] Batch b-7: the digest of period 1 is ready");
        assertThat(english.body()).isEqualTo("The digest of batch b-7 for reporting period 1 (2026-03-01 to 2026-03-14) is ready: "
                + "2 topics overdue and 1 escalated, across 3 lead organisations."
                + "\n\nOpen the digest: http://console.test/#/digests?batch=b-7&period=1");

        NotificationTexts utc = new NotificationTexts(new NotificationProperties("http://console.test", null, null, null, null,
                false, false, ZoneOffset.UTC));
        assertThat(utc.render(digest, Language.EN).body()).as("the days are the district's")
                .contains("(2026-02-28 to 2026-03-14)");
        assertThat(texts.render(notificationOf(ONE_OF_EACH.get(3)), Language.EN).body())
                .as("a topic's text still opens the topic").endsWith("\n\nOpen the topic: http://console.test/#/topics/t-42");
    }

    @Test
    void bothLanguagesHaveTheSameTexts() throws IOException {
        assertThat(load("notification-texts_zh.properties").stringPropertyNames())
                .isEqualTo(load("notification-texts.properties").stringPropertyNames());
    }

    static Notification notificationOf(DomainEvent event) {
        EventEnvelope envelope = EventEnvelope.wrap(event, 1, AT, "/test", Actor.SYSTEM, "c", null);
        NotificationRules.Decision decision = NotificationRules.decide(envelope, RECORD);
        assertThat(decision).isInstanceOf(NotificationRules.Decision.Notify.class);
        return ((NotificationRules.Decision.Notify) decision).notifications().get(0);
    }

    static Properties load(String name) throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources", name), StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return properties;
        }
    }
}
