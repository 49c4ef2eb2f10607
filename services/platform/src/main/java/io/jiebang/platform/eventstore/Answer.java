package io.jiebang.platform.eventstore;

/**
 * What a command answered, kept with its commit so that a repeated command (same idempotency key) gets
 * the first answer again.
 *
 * @param body the JSON body of the answer
 */
public record Answer(int status, String location, String body) {
}
