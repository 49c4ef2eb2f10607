package io.jiebang.events;

/** The bytes cannot be read as an event of this board: a poison message, not worth retrying. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
