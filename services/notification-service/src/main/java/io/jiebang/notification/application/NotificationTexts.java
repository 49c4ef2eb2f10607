package io.jiebang.notification.application;

import io.jiebang.notification.domain.Language;
import io.jiebang.notification.domain.Notification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * A notification in words, for e-mails and webhooks, in the recipient's language (the console words its inbox itself
 * from the type and fields). The texts are in {@code notification-texts.properties} (English) and
 * {@code notification-texts_zh.properties}: per kind {@code notification.<Type>.subject} and {@code .body}, with named
 * placeholders: {@code {title}}, {@code {round}}, {@code {link}} and the notification's fields; a field's value is
 * worded by {@code notification.value.<field>.<value>} when there is such a key (a reason, an outcome), lists are
 * joined, an empty one is {@code notification.none}. A digest's period is worded by its days in the district's zone,
 * {@code periodStart} its first and {@code periodEnd} its last. The link to the console page ends every text, named by
 * {@code notification.<Type>.open} when the kind has one (the digest), else {@code notification.open} (the topic).
 */
@Component
public class NotificationTexts {

    /** The subject of an e-mail, and its body (the text of a webhook), which ends with the link to the console. */
    public record Text(String subject, String body, String link) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    static final String BUNDLE = "notification-texts";

    private final MessageSource messages = bundle();
    private final String consoleUrl;
    /** The fields that are instants worded as days: a digest's period, by its first and its last day. */
    private final Map<String, Function<Instant, LocalDate>> days;

    public NotificationTexts(NotificationProperties properties) {
        this.consoleUrl = properties.consoleUrl();
        ZoneId zone = properties.zone();
        // The period ends at periodEnd, which belongs to the next: its last day is the one of the instant before.
        this.days = Map.of("periodStart", start -> LocalDate.ofInstant(start, zone),
                "periodEnd", end -> LocalDate.ofInstant(end.minusNanos(1), zone));
    }

    /**
     * Its own bundle, apart from the service's problem details: English is the base file, and a language without a
     * translation gets it whatever the server's locale.
     */
    private static MessageSource bundle() {
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename(BUNDLE);
        bundle.setDefaultEncoding(StandardCharsets.UTF_8.name());
        bundle.setFallbackToSystemLocale(false);
        return bundle;
    }

    public Text render(Notification notification, Language language) {
        Locale locale = language.locale();
        Map<String, String> values = new HashMap<>();
        notification.fields().forEach((field, value) -> values.put(field, word(field, value, locale)));
        values.put("title", notification.title());
        values.put("round", String.valueOf(notification.round()));
        values.put("link", link(notification));
        String kind = "notification." + notification.eventType();
        values.put("open", messages.getMessage(kind + ".open", null, text("notification.open", locale), locale));
        values.put("subject", fill(text(kind + ".subject", locale), values));
        values.put("text", fill(text(kind + ".body", locale), values));
        return new Text(fill(text("notification.subject", locale), values), fill(text("notification.body", locale), values),
                values.get("link"));
    }

    /** The console page the notification is about: the topic's, or the period's digest of a batch. */
    public String link(Notification notification) {
        return consoleUrl + "/" + notification.page();
    }

    private String word(String field, Object value, Locale locale) {
        if (days.containsKey(field) && value instanceof String instant) {
            return days.get(field).apply(Instant.parse(instant)).toString();
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return text("notification.none", locale);
            }
            return String.join(text("notification.list-separator", locale),
                    list.stream().map(item -> word(field, item, locale)).toList());
        }
        String plain = String.valueOf(value);
        return messages.getMessage("notification.value." + field + "." + plain, null, plain, locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    /** The template with each {@code {name}} replaced by its value; no MessageFormat, so quotes need no escaping. */
    private static String fill(String template, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value == null ? placeholder.group() : value));
        }
        return placeholder.appendTail(filled).toString();
    }
}
