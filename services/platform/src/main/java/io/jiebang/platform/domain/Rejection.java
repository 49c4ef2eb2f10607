package io.jiebang.platform.domain;

import java.util.Map;

/**
 * A command the domain refuses. Nothing is stored when it is thrown. The web layer turns it into an
 * {@code application/problem+json} answer: its kind gives the status, its code the problem type.
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
        UNPROCESSABLE
    }

    private final Kind kind;
    private final String code;
    private final Map<String, String> fieldErrors;

    public Rejection(Kind kind, String code, String detail, Map<String, String> fieldErrors) {
        super(detail);
        this.kind = kind;
        this.code = code;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public static Rejection invalid(String field, String detail) {
        return new Rejection(Kind.INVALID, "invalid-" + field, detail, Map.of(field, detail));
    }

    public static Rejection unauthenticated(String code, String detail) {
        return new Rejection(Kind.UNAUTHENTICATED, code, detail, Map.of());
    }

    public static Rejection forbidden(String code, String detail) {
        return new Rejection(Kind.FORBIDDEN, code, detail, Map.of());
    }

    public static Rejection notFound(String code, String detail) {
        return new Rejection(Kind.NOT_FOUND, code, detail, Map.of());
    }

    public static Rejection conflict(String code, String detail) {
        return new Rejection(Kind.CONFLICT, code, detail, Map.of());
    }

    public static Rejection unprocessable(String code, String detail) {
        return new Rejection(Kind.UNPROCESSABLE, code, detail, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    /** A stable, machine-readable name of the problem, e.g. {@code topic-already-awarded}. */
    public String code() {
        return code;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
