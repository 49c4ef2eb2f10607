package io.jiebang.console.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Failed logins counted per key (an account, a client address) in fixed windows, shared by every console instance.
 */
public interface LoginAttempts {

    /** @param since the start of the key's current window */
    record Failures(String key, int count, Instant since) {
    }

    /** The failures counted under these keys in windows that started after {@code notBefore}. */
    Mono<List<Failures>> read(List<String> keys, Instant notBefore);

    /** Counts one failure under each key: in its current window, or in a new one from {@code now}. */
    Mono<Void> failed(List<String> keys, Instant now, Duration window);

    Mono<Void> forget(String key);
}
