package io.jiebang.events;

/** A satisfaction vote (评议). */
public enum Verdict {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED;

    /** Satisfied and basically satisfied both count towards the two-thirds rule. */
    public boolean isSatisfied() {
        return this != DISSATISFIED;
    }
}
