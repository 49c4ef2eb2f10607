package io.jiebang.notification.domain;

import static io.jiebang.notification.domain.RecipientsTest.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiebang.platform.domain.Rejection;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationSettingsTest {

    static final NotificationSettings DEFAULTS = NotificationSettings.defaults("street-01");
    static final String SECRET = "0123456789abcdef";

    @Test
    void byDefaultEveryKindGoesToTheInboxInChineseAndNothingElsewhere() {
        assertThat(DEFAULTS.language()).isEqualTo(Language.ZH_CN);
        assertThat(DEFAULTS.inboxEvents()).isEqualTo(NotificationRules.KINDS);
        assertThat(DEFAULTS.email().enabled()).isFalse();
        assertThat(DEFAULTS.webhook().enabled()).isFalse();
        assertThat(DEFAULTS.webhook().secretSet()).isFalse();
        assertThat(DEFAULTS.channelsFor("ClaimSubmitted")).containsExactly(Channel.INBOX);
        assertThat(DEFAULTS.channelsFor("TopicPublished")).isEmpty();
    }

    @Test
    void eachChannelTakesTheKindsChosenForIt() {
        NotificationSettings chosen = DEFAULTS.changedTo(new NotificationSettings.Change("en", List.of("ClaimSubmitted"),
                new NotificationSettings.EmailChange(true, "ops@street-01.example.org", List.of("EscalationRaised", "ClaimSubmitted")),
                new NotificationSettings.WebhookChange(true, "https://hooks.example.org/jiebang", SECRET, null)), false, false);
        assertThat(chosen.language()).isEqualTo(Language.EN);
        assertThat(chosen.email().events()).as("in the order of the kinds").containsExactly("ClaimSubmitted", "EscalationRaised");
        assertThat(chosen.webhook().events()).as("every kind when none are named").isEqualTo(NotificationRules.KINDS);
        assertThat(chosen.channelsFor("ClaimSubmitted")).containsExactly(Channel.INBOX, Channel.EMAIL, Channel.WEBHOOK);
        assertThat(chosen.channelsFor("EscalationRaised")).containsExactly(Channel.EMAIL, Channel.WEBHOOK);
        assertThat(chosen.channelsFor("TopicUnclaimed")).containsExactly(Channel.WEBHOOK);
        NotificationSettings emptyInbox = DEFAULTS.changedTo(new NotificationSettings.Change("zh-CN", List.of(), null, null), false, false);
        assertThat(emptyInbox.channelsFor("ClaimSubmitted")).isEmpty();
    }

    @Test
    void aChannelLeftOutOrTurnedOffTakesNothing() {
        NotificationSettings off = DEFAULTS.changedTo(new NotificationSettings.Change("zh-CN", null,
                new NotificationSettings.EmailChange(false, "ops@street-01.example.org", null), null), false, false);
        assertThat(off.email().address()).as("kept for turning it on again").isEqualTo("ops@street-01.example.org");
        assertThat(off.channelsFor("ClaimSubmitted")).containsExactly(Channel.INBOX);
        assertThat(off.webhook()).isEqualTo(NotificationSettings.defaults("x").webhook());
    }

    @Test
    void theLanguageAndTheKindsAreKnownOnes() {
        refused(() -> change("fr", null, null, null), Rejection.Kind.INVALID, "language-unknown");
        refused(() -> change("zh-CN", List.of("TopicPublished"), null, null), Rejection.Kind.INVALID, "event-kind-unknown");
        assertThatThrownBy(() -> change("zh-CN", null, new NotificationSettings.EmailChange(true, "a@b.org", List.of("Nonsense")), null))
                .isInstanceOfSatisfying(Rejection.class, rejection -> assertThat(rejection.field()).contains("email.events"));
    }

    @Test
    void eMailNeedsAnAddress() {
        refused(() -> change("zh-CN", null, new NotificationSettings.EmailChange(true, " ", null), null),
                Rejection.Kind.INVALID, "email-address-missing");
        for (String bad : List.of("street-01", "a@", "@b.org", "a b@c.org", "a@b..org")) {
            refused(() -> change("zh-CN", null, new NotificationSettings.EmailChange(false, bad, null), null),
                    Rejection.Kind.INVALID, "email-address-invalid");
        }
        assertThat(change("zh-CN", null, new NotificationSettings.EmailChange(true, " ops@jiebang.localhost ", null), null)
                .email().address()).isEqualTo("ops@jiebang.localhost");
    }

    @Test
    void aWebhookNeedsAnHttpsUrlAndALongEnoughSecret() {
        refused(() -> webhook(true, null, SECRET, false), Rejection.Kind.INVALID, "webhook-url-missing");
        refused(() -> webhook(true, "hooks.example.org/x", SECRET, false), Rejection.Kind.INVALID, "webhook-url-invalid");
        refused(() -> webhook(true, "https://user:pw@hooks.example.org/x", SECRET, false), Rejection.Kind.INVALID, "webhook-url-invalid");
        refused(() -> webhook(true, "https://exa mple.org/", SECRET, false), Rejection.Kind.INVALID, "webhook-url-invalid");
        refused(() -> webhook(true, "http://hooks.example.org/x", SECRET, false), Rejection.Kind.INVALID, "webhook-url-not-https");
        refused(() -> webhook(true, "ftp://hooks.example.org/x", SECRET, true), Rejection.Kind.INVALID, "webhook-url-not-https");
        assertThat(webhook(true, "http://127.0.0.1:9000/x", SECRET, true).webhook().url()).isEqualTo("http://127.0.0.1:9000/x");
        refused(() -> webhook(true, "https://hooks.example.org/x", null, false), Rejection.Kind.INVALID, "webhook-secret-missing");
        refused(() -> webhook(true, "https://hooks.example.org/x", "too-short", false), Rejection.Kind.INVALID,
                "webhook-secret-too-short");
    }

    @Test
    void aWebhookWrittenAsAnInternalAddressIsRefusedUnlessLocalReceiversAreAllowed() {
        for (String internal : List.of("https://127.0.0.1/x", "https://10.1.2.3/x", "https://172.16.0.9/x", "https://192.168.1.1/x",
                "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/x", "https://0.0.0.0/x", "https://[::1]/x",
                "https://[fd00::1]/x", "https://[fe80::1]/x", "https://localhost/x", "https://api.localhost/x")) {
            refused(() -> webhook(true, internal, SECRET, false), Rejection.Kind.INVALID, "webhook-url-internal");
        }
        assertThat(webhook(true, "https://203.0.113.7/x", SECRET, false).webhook().url()).isEqualTo("https://203.0.113.7/x");
        assertThat(webhook(true, "https://hooks.example.org/x", SECRET, false).webhook().url())
                .as("a name is looked up when sending, not here").isEqualTo("https://hooks.example.org/x");
        assertThat(webhook(true, "https://10.1.2.3/x", SECRET, true).webhook().url()).isEqualTo("https://10.1.2.3/x");
    }

    @Test
    void aKindAddedSinceTheSettingsWereSavedIsChosenOnEveryChannelUntilTheRecipientChooses() {
        List<String> before = NotificationRules.KINDS.stream().filter(kind -> !kind.equals(NotificationRules.DIGEST)).toList();
        NotificationSettings saved = NotificationSettings.saved("coordinator", Language.ZH_CN, List.of("TopicUnclaimed"),
                new NotificationSettings.Email(true, "ops@example.org", List.of("EscalationRaised")),
                new NotificationSettings.Webhook(false, null, null, List.of()), before);
        assertThat(saved.inboxEvents()).containsExactly("TopicUnclaimed", NotificationRules.DIGEST);
        assertThat(saved.channelsFor(NotificationRules.DIGEST)).containsExactly(Channel.INBOX, Channel.EMAIL);
        assertThat(saved.channelsFor("ClaimSubmitted")).as("what it left out stays out").isEmpty();
        NotificationSettings chosenSince = NotificationSettings.saved("coordinator", Language.ZH_CN, List.of("TopicUnclaimed"),
                new NotificationSettings.Email(true, "ops@example.org", List.of("EscalationRaised")),
                new NotificationSettings.Webhook(false, null, null, List.of()), NotificationRules.KINDS);
        assertThat(chosenSince.channelsFor(NotificationRules.DIGEST)).as("left out when it was known").isEmpty();
    }

    @Test
    void aSecretNotGivenAgainIsKeptAndNeverShown() {
        NotificationSettings set = webhook(true, "https://hooks.example.org/x", SECRET, false);
        NotificationSettings moved = set.changedTo(new NotificationSettings.Change("zh-CN", null, null,
                new NotificationSettings.WebhookChange(true, "https://hooks.example.org/y", null, null)), false, false);
        assertThat(moved.webhook().secret()).isEqualTo(SECRET);
        NotificationSettings replaced = set.changedTo(new NotificationSettings.Change("zh-CN", null, null,
                new NotificationSettings.WebhookChange(true, "https://hooks.example.org/y", "fedcba9876543210", null)), false, false);
        assertThat(replaced.webhook().secret()).isEqualTo("fedcba9876543210");
        assertThat(set.toString()).doesNotContain(SECRET).contains("secretSet=true");
    }

    static NotificationSettings change(String language, List<String> inbox, NotificationSettings.EmailChange email,
                                       NotificationSettings.WebhookChange webhook) {
        return DEFAULTS.changedTo(new NotificationSettings.Change(language, inbox, email, webhook), false, false);
    }

    /** {@code localAllowed}: plain http and internal addresses, as for local receivers. */
    static NotificationSettings webhook(boolean enabled, String url, String secret, boolean localAllowed) {
        return DEFAULTS.changedTo(new NotificationSettings.Change("zh-CN", null, null,
                new NotificationSettings.WebhookChange(enabled, url, secret, null)), localAllowed, localAllowed);
    }
}
