package io.jiebang.notification.application;

import io.jiebang.notification.domain.NotificationSettings;
import reactor.core.publisher.Mono;

/** Each recipient's notification settings, by recipient. */
public interface SettingsStore {

    /** The recipient's settings, the defaults when it never set any. */
    Mono<NotificationSettings> find(String recipient);

    Mono<Void> save(NotificationSettings settings);
}
