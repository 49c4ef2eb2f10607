package io.jiebang.platform.domain;

/** What optional text fields of commands and forms share. */
public final class Texts {

    private Texts() {
    }

    /** The text without surrounding blanks; null when there is none (absent, empty or only blanks). */
    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
