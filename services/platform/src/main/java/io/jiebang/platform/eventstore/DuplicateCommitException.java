package io.jiebang.platform.eventstore;

/** A commit with that sequence (a concurrent writer won) or that dedup key (a repeat) is already stored. */
public class DuplicateCommitException extends RuntimeException {

    public DuplicateCommitException(String message, Throwable cause) {
        super(message, cause);
    }
}
