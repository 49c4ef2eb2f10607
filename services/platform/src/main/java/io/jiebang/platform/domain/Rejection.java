package io.jiebang.platform.domain;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A command the domain refuses. Nothing is stored when it is thrown. The web layer turns it into an
 * {@code application/problem+json} answer: its kind gives the status, its code the problem type.
 *
 * <p>Each distinct refusal has its own code and an English {@link MessageFormat} template with arguments, e.g.
 * {@code "this topic allows at most {0} co-claimants"}. The web layer words it in the asker's language from the
 * translation under {@code rejection.<code>}, else in English; {@link #getMessage()} is always the English text.
 * In templates a single quote starts a quoted part: avoid apostrophes (write "of the batch", not "batch's").
 */
public class Rejection extends RuntimeException {

    public enum Kind {
        /** The request itself is wrong (400). */
        INVALID,
        /** Who is asking is not known (401). */
        UNAUTHENTICATED,
        /** Not allowed for this organisation or role (403). */
        FORBIDDEN,
        /** An unknown id (404). */
        NOT_FOUND,
        /** Not possible in the current state (409). */
        CONFLICT,
        /** Understood but cannot be processed, e.g. an idempotency key reused for another request (422). */
        UNPROCESSABLE,
        /** Too many attempts: asked again after {@link #retryAfter()} it may be answered (429). */
        TOO_MANY_REQUESTS,
        /** What was sent is larger than allowed, e.g. a file over the attachment limit (413). */
        TOO_LARGE
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final String template;
    private final Object[] args;
    private Duration retryAfter;

    private Rejection(Kind kind, String code, String field, String template, Object[] args, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.template = template;
        this.args = args.clone();
    }

    private static Rejection worded(Kind kind, String code, String field, String template, Object... args) {
        return new Rejection(kind, code, field, template, args, new MessageFormat(template, Locale.ENGLISH).format(args));
    }

    /** Bad input, named by the field it is about. */
    public static Rejection invalid(String field, String code, String template, Object... args) {
        return worded(Kind.INVALID, code, field, template, args);
    }

    public static Rejection unauthenticated(String code, String template, Object... args) {
        return worded(Kind.UNAUTHENTICATED, code, null, template, args);
    }

    public static Rejection forbidden(String code, String template, Object... args) {
        return worded(Kind.FORBIDDEN, code, null, template, args);
    }

    public static Rejection notFound(String code, String template, Object... args) {
        return worded(Kind.NOT_FOUND, code, null, template, args);
    }

    public static Rejection conflict(String code, String template, Object... args) {
        return worded(Kind.CONFLICT, code, null, template, args);
    }

    public static Rejection unprocessable(String code, String template, Object... args) {
        return worded(Kind.UNPROCESSABLE, code, null, template, args);
    }

    public static Rejection tooLarge(String field, String code, String template, Object... args) {
        return worded(Kind.TOO_LARGE, code, field, template, args);
    }

    /** Too many attempts; the caller may try again after the given time. */
    public static Rejection tooManyRequests(Duration retryAfter, String code, String template, Object... args) {
        Rejection rejection = worded(Kind.TOO_MANY_REQUESTS, code, null, template, args);
        rejection.retryAfter = retryAfter;
        return rejection;
    }

    /** A refusal another service made, already worded in the asker's language: passed on as it is. */
    public static Rejection relayed(Kind kind, String code, String detail) {
        return new Rejection(kind, code, null, null, new Object[0], detail);
    }

    public Kind kind() {
        return kind;
    }

    /** A stable, machine-readable name of the problem, e.g. {@code topic-already-awarded}. */
    public String code() {
        return code;
    }

    /** The input field the refusal is about, for bad input. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The English template, or empty for a relayed refusal, whose message is final. */
    public Optional<String> template() {
        return Optional.ofNullable(template);
    }

    public Object[] args() {
        return args.clone();
    }

    /** How long to wait before asking again, for too many attempts. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
