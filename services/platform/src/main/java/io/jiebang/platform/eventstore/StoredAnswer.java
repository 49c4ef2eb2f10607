package io.jiebang.platform.eventstore;

/** The answer kept with a commit, and the fingerprint of the request that produced it. */
public record StoredAnswer(Answer answer, String fingerprint) {
}
