package io.jiebang.notification.web;

import io.jiebang.events.Actor;
import io.jiebang.notification.application.SettingsUseCases;
import io.jiebang.notification.domain.NotificationSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A recipient's notification settings: {@code GET} and {@code PUT /api/notification-settings/{recipient}}. The webhook
 * secret is never answered, only whether one is set; a {@code PUT} without it keeps the one set before.
 */
@RestController
@RequestMapping("/api/notification-settings/{recipient}")
public class NotificationSettingsController {

    private static final int MAX_KINDS = 50;

    private final SettingsUseCases settings;

    public NotificationSettingsController(SettingsUseCases settings) {
        this.settings = settings;
    }

    /** The settings asked for: a channel left out is off, a list of kinds left out is every kind. */
    public record SettingsRequest(@NotNull String language, @Valid InboxRequest inbox, @Valid EmailRequest email,
                                  @Valid WebhookRequest webhook) {

        NotificationSettings.Change toChange() {
            return new NotificationSettings.Change(language, inbox == null ? null : inbox.events(),
                    email == null ? null : new NotificationSettings.EmailChange(email.enabled(), email.address(), email.events()),
                    webhook == null ? null : new NotificationSettings.WebhookChange(webhook.enabled(), webhook.url(),
                            webhook.secret(), webhook.events()));
        }
    }

    public record InboxRequest(@Size(max = MAX_KINDS) List<String> events) {
    }

    public record EmailRequest(boolean enabled, @Size(max = 254) String address, @Size(max = MAX_KINDS) List<String> events) {
    }

    public record WebhookRequest(boolean enabled, @Size(max = 2000) String url, @Size(max = 256) String secret,
                                 @Size(max = MAX_KINDS) List<String> events) {
    }

    public record SettingsView(String recipient, String language, InboxView inbox, EmailView email, WebhookView webhook) {

        static SettingsView of(NotificationSettings settings) {
            return new SettingsView(settings.recipient(), settings.language().tag(), new InboxView(settings.inboxEvents()),
                    new EmailView(settings.email().enabled(), settings.email().address(), settings.email().events()),
                    new WebhookView(settings.webhook().enabled(), settings.webhook().url(), settings.webhook().secretSet(),
                            settings.webhook().events()));
        }
    }

    public record InboxView(List<String> events) {
    }

    public record EmailView(boolean enabled, String address, List<String> events) {
    }

    public record WebhookView(boolean enabled, String url, boolean secretSet, List<String> events) {
    }

    @GetMapping
    public Mono<SettingsView> get(Actor actor, @PathVariable String recipient) {
        return settings.get(actor, recipient).map(SettingsView::of);
    }

    @PutMapping
    public Mono<SettingsView> put(Actor actor, @PathVariable String recipient, @Valid @RequestBody SettingsRequest request) {
        return settings.change(actor, recipient, request.toChange()).map(SettingsView::of);
    }
}
