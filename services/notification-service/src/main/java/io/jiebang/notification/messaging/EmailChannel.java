package io.jiebang.notification.messaging;

import io.jiebang.notification.application.DeliveryChannel;
import io.jiebang.notification.application.NotificationProperties;
import io.jiebang.notification.application.NotificationTexts;
import io.jiebang.notification.domain.Channel;
import io.jiebang.notification.domain.Delivery;
import io.jiebang.notification.domain.NotificationSettings;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * E-mails a delivery, in plain text, over SMTP ({@code spring.mail.*}). The mail client blocks, so it runs on the
 * scheduler meant for blocking work, never on an event loop.
 */
@Component
public class EmailChannel implements DeliveryChannel {

    /** Names the delivery in the e-mail's headers, so a mailbox can tell a repeat. */
    private static final String DELIVERY_HEADER = "X-Jiebang-Delivery";

    private final JavaMailSender mail;
    private final String from;

    public EmailChannel(JavaMailSender mail, NotificationProperties properties) {
        this.mail = mail;
        this.from = properties.mailFrom();
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Mono<Void> send(Delivery delivery, NotificationSettings settings, NotificationTexts.Text text) {
        NotificationSettings.Email email = settings.email();
        if (!email.enabled() || email.address() == null) {
            return Mono.error(new IllegalStateException("e-mail is turned off for " + delivery.recipient()));
        }
        return Mono.<Void>fromRunnable(() -> mail.send(message -> {
                    MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
                    helper.setFrom(from);
                    helper.setTo(email.address());
                    helper.setSubject(oneLine(text.subject()));
                    helper.setText(text.body(), false);
                    message.setHeader(DELIVERY_HEADER, delivery.id());
                }))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** A title with a line break must not start a header of its own. */
    private static String oneLine(String subject) {
        return subject.replaceAll("[\\r\\n]+", " ");
    }
}
