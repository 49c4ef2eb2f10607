package io.jiebang.platform.problem;

import io.jiebang.platform.domain.Rejection;
import java.text.MessageFormat;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.web.server.ServerWebExchange;

/**
 * Words problem details in the asker's language (from {@code Accept-Language}): the translation in the message
 * bundles if there is one, else the English text, which lives in code next to the rule it explains.
 */
public class ProblemMessages {

    private final MessageSource messages;

    public ProblemMessages(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The refusal in the asker's language, from {@code rejection.<code>}. Its states (enum arguments) are named
     * from {@code enum.<Enum>.<NAME>}, e.g. {@code enum.State.OPEN}, else by their names.
     */
    public String of(Rejection rejection, Locale locale) {
        if (rejection.template().isEmpty()) {
            return rejection.getMessage();
        }
        return text("rejection." + rejection.code(), rejection.template().get(), named(rejection.args(), locale), locale);
    }

    /** A problem of the platform itself, from {@code problem.<code>}; the English text is a MessageFormat template too. */
    public String of(String code, String english, Locale locale, Object... args) {
        return text("problem." + code, english, args, locale);
    }

    public static Locale localeOf(ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return locale == null ? Locale.ENGLISH : locale;
    }

    private String text(String key, String englishTemplate, Object[] args, Locale locale) {
        // No default message here: Spring would return a default without arguments unformatted, so the English
        // text is formatted the same way Rejection#getMessage formats it.
        String translated = messages.getMessage(key, args, null, locale);
        return translated != null ? translated : new MessageFormat(englishTemplate, Locale.ENGLISH).format(args);
    }

    private Object[] named(Object[] args, Locale locale) {
        Object[] named = args.clone();
        for (int i = 0; i < named.length; i++) {
            if (named[i] instanceof Enum<?> state) {
                String key = "enum." + state.getDeclaringClass().getSimpleName() + "." + state.name();
                named[i] = messages.getMessage(key, null, state.name(), locale);
            }
        }
        return named;
    }
}
