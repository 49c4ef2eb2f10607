package io.jiebang.platform.deadletter;

/** Handles a dead letter of one origin again: the inbox (a consumed record) or the outbox relay (a stored commit). */
public interface DeadLetterReplayer {

    /** {@link DeadLetter#INBOX} or {@link DeadLetter#OUTBOX}. */
    String origin();

    /**
     * Handles it again, blocking until done.
     *
     * @return null when it went through, else why it failed again
     * @throws RuntimeException when the store or the broker is away: nothing was decided, try later
     */
    Throwable replay(DeadLetterStore.Entry deadLetter);
}
