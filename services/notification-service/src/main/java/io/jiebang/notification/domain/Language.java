package io.jiebang.notification.domain;

import io.jiebang.platform.domain.Rejection;
import java.util.Arrays;
import java.util.Locale;

/** The language a recipient's e-mails and webhook texts are written in: the console's two. */
public enum Language {
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE),
    EN("en", Locale.ENGLISH);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** As the console names it (a BCP 47 tag). */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    public static Language ofTag(String tag) {
        return Arrays.stream(values()).filter(language -> language.tag.equals(tag)).findFirst()
                .orElseThrow(() -> Rejection.invalid("language", "language-unknown", "the language is zh-CN or en, not {0}", tag));
    }
}
