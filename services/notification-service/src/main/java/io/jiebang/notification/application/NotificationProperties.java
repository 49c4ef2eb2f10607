package io.jiebang.notification.application;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of notifying, under {@code jiebang.notification}.
 *
 * @param consoleUrl where the console answers, for the topic links in e-mails and webhooks
 * @param mailFrom the sender of the e-mails
 * @param notifyWithin how old an event may be and still notify: older ones (a new service reading the board's history,
 *        a reset consumer group) only teach the facts of their topics, so nobody is flooded with news of long ago
 * @param inboxSize how many notifications an inbox keeps, the newest
 * @param webhookTimeout how long a webhook receiver has to answer
 * @param webhookAllowHttp webhook URLs may be plain http (local receivers in development and tests); https only otherwise
 * @param webhookAllowInternal webhooks may reach internal addresses (local receivers in development and tests): loopback,
 *        private, link-local ({@link io.jiebang.notification.domain.WebhookTargets}); refused otherwise
 * @param zone the district's time zone, in which e-mails and webhook texts give dates (a digest's period)
 */
@ConfigurationProperties("jiebang.notification")
public record NotificationProperties(String consoleUrl, String mailFrom, Duration notifyWithin, Integer inboxSize,
                                     Duration webhookTimeout, boolean webhookAllowHttp, boolean webhookAllowInternal,
                                     ZoneId zone) {

    public NotificationProperties {
        consoleUrl = consoleUrl == null ? "http://127.0.0.1:8080" : consoleUrl.replaceAll("/+$", "");
        mailFrom = mailFrom == null ? "jiebang@localhost" : mailFrom;
        notifyWithin = notifyWithin == null ? Duration.ofDays(7) : notifyWithin;
        inboxSize = inboxSize == null ? 200 : inboxSize;
        webhookTimeout = webhookTimeout == null ? Duration.ofSeconds(10) : webhookTimeout;
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
    }
}
