package io.jiebang.notification.domain;

import static io.jiebang.platform.domain.Texts.blankToNull;

import io.jiebang.platform.domain.Rejection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How one recipient wants to hear: in which language, and which kinds of event ({@link NotificationRules#KINDS}) on
 * which channel. By default every kind goes to the inbox, and e-mail and webhooks are off.
 *
 * @param inboxEvents the kinds shown in the inbox, in the order of {@link NotificationRules#KINDS}
 */
public record NotificationSettings(String recipient, Language language, List<String> inboxEvents, Email email,
                                   Webhook webhook) {

    public static final int SECRET_MIN_LENGTH = 16;
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");

    public NotificationSettings {
        inboxEvents = List.copyOf(inboxEvents);
    }

    /** @param events the kinds e-mailed */
    public record Email(boolean enabled, String address, List<String> events) {

        public Email {
            events = List.copyOf(events);
        }

        static final Email OFF = new Email(false, null, NotificationRules.KINDS);
    }

    /**
     * @param url where the notifications are POSTed
     * @param secret the key of their HMAC signature, which is never shown again once set
     * @param events the kinds POSTed
     */
    public record Webhook(boolean enabled, String url, String secret, List<String> events) {

        public Webhook {
            events = List.copyOf(events);
        }

        static final Webhook OFF = new Webhook(false, null, null, NotificationRules.KINDS);

        public boolean secretSet() {
            return secret != null;
        }

        @Override
        public String toString() {
            return "Webhook[enabled=" + enabled + ", url=" + url + ", secretSet=" + secretSet() + ", events=" + events + "]";
        }
    }

    public static NotificationSettings defaults(String recipient) {
        return new NotificationSettings(recipient, Language.ZH_CN, NotificationRules.KINDS, Email.OFF, Webhook.OFF);
    }

    /**
     * The settings as saved when the kinds were {@code knownKinds}: a kind added since is chosen on every channel (as
     * for a recipient who never chose), until the recipient saves its settings again and chooses for itself.
     */
    public static NotificationSettings saved(String recipient, Language language, List<String> inboxEvents, Email email,
                                             Webhook webhook, List<String> knownKinds) {
        return new NotificationSettings(recipient, language, withNewKinds(inboxEvents, knownKinds),
                new Email(email.enabled(), email.address(), withNewKinds(email.events(), knownKinds)),
                new Webhook(webhook.enabled(), webhook.url(), webhook.secret(), withNewKinds(webhook.events(), knownKinds)));
    }

    private static List<String> withNewKinds(List<String> chosen, List<String> knownKinds) {
        return NotificationRules.KINDS.stream().filter(kind -> chosen.contains(kind) || !knownKinds.contains(kind)).toList();
    }

    /** The channels a notification of this kind goes to. */
    public List<Channel> channelsFor(String eventType) {
        List<Channel> channels = new ArrayList<>();
        if (inboxEvents.contains(eventType)) {
            channels.add(Channel.INBOX);
        }
        if (email.enabled() && email.events().contains(eventType)) {
            channels.add(Channel.EMAIL);
        }
        if (webhook.enabled() && webhook.events().contains(eventType)) {
            channels.add(Channel.WEBHOOK);
        }
        return List.copyOf(channels);
    }

    /** What a recipient asks for; a list of kinds left out (null) means every kind, a channel left out means off. */
    public record Change(String language, List<String> inboxEvents, EmailChange email, WebhookChange webhook) {
    }

    public record EmailChange(boolean enabled, String address, List<String> events) {
    }

    /** @param secret a new secret, or null to keep the one set before */
    public record WebhookChange(boolean enabled, String url, String secret, List<String> events) {
    }

    /**
     * These settings changed as asked, checked: a known language and kinds, a valid address when e-mail is on, an
     * absolute https URL (http too when {@code plainHttpAllowed}, for local receivers) not written as an internal address
     * (unless {@code internalAllowed}; {@link WebhookTargets}: a name is looked up when sending) and a secret of at least
     * {@value #SECRET_MIN_LENGTH} characters when webhooks are on. A webhook secret not given again is kept.
     */
    public NotificationSettings changedTo(Change change, boolean plainHttpAllowed, boolean internalAllowed) {
        Language newLanguage = Language.ofTag(change.language());
        List<String> newInboxEvents = kinds("inbox.events", change.inboxEvents());
        Email newEmail = Email.OFF;
        if (change.email() != null) {
            EmailChange asked = change.email();
            String address = blankToNull(asked.address());
            if (address == null && asked.enabled()) {
                throw Rejection.invalid("email.address", "email-address-missing", "e-mail needs an address to be turned on");
            }
            if (address != null && !EMAIL_ADDRESS.matcher(address).matches()) {
                throw Rejection.invalid("email.address", "email-address-invalid", "{0} is not an e-mail address", address);
            }
            newEmail = new Email(asked.enabled(), address, kinds("email.events", asked.events()));
        }
        Webhook newWebhook = Webhook.OFF;
        if (change.webhook() != null) {
            WebhookChange asked = change.webhook();
            String url = blankToNull(asked.url());
            if (url == null && asked.enabled()) {
                throw Rejection.invalid("webhook.url", "webhook-url-missing", "webhooks need a URL to be turned on");
            }
            if (url != null) {
                checkUrl(url, plainHttpAllowed, internalAllowed);
            }
            String secret = asked.secret() != null ? asked.secret() : webhook.secret();
            if (asked.secret() != null && asked.secret().length() < SECRET_MIN_LENGTH) {
                throw Rejection.invalid("webhook.secret", "webhook-secret-too-short",
                        "the webhook secret needs at least {0} characters", SECRET_MIN_LENGTH);
            }
            if (secret == null && asked.enabled()) {
                throw Rejection.invalid("webhook.secret", "webhook-secret-missing",
                        "webhooks need a secret of at least {0} characters to be turned on", SECRET_MIN_LENGTH);
            }
            newWebhook = new Webhook(asked.enabled(), url, secret, kinds("webhook.events", asked.events()));
        }
        return new NotificationSettings(recipient, newLanguage, newInboxEvents, newEmail, newWebhook);
    }

    private static void checkUrl(String url, boolean plainHttpAllowed, boolean internalAllowed) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalidUrl(url);
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalidUrl(url);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(plainHttpAllowed && scheme.equals("http"))) {
            throw Rejection.invalid("webhook.url", "webhook-url-not-https", "the webhook URL must use https: {0}", url);
        }
        InetAddress written = WebhookTargets.literal(uri.getHost());
        if (!internalAllowed && written != null && WebhookTargets.isInternal(written)) {
            throw Rejection.invalid("webhook.url", "webhook-url-internal",
                    "the webhook URL must point outside the board network: {0}", url);
        }
    }

    private static Rejection invalidUrl(String url) {
        return Rejection.invalid("webhook.url", "webhook-url-invalid", "{0} is not an absolute URL with a host and no credentials", url);
    }

    /** The kinds asked for, in the order of {@link NotificationRules#KINDS}; all of them when none were given. */
    private static List<String> kinds(String field, List<String> asked) {
        if (asked == null) {
            return NotificationRules.KINDS;
        }
        for (String kind : asked) {
            if (!NotificationRules.notifies(kind)) {
                throw Rejection.invalid(field, "event-kind-unknown", "{0} is not a kind of event that notifies", kind);
            }
        }
        return NotificationRules.KINDS.stream().filter(asked::contains).toList();
    }
}
