package io.jiebang.notification.application;

import io.jiebang.events.Actor;
import io.jiebang.notification.domain.NotificationSettings;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Each recipient's choice of language, channels and kinds, seen and changed by those who may manage it. */
@Service
public class SettingsUseCases {

    private final SettingsStore settings;
    private final NotificationProperties properties;
    private final RecipientAccess access;

    public SettingsUseCases(SettingsStore settings, NotificationProperties properties, RecipientAccess access) {
        this.settings = settings;
        this.properties = properties;
        this.access = access;
    }

    public Mono<NotificationSettings> get(Actor actor, String recipient) {
        return access.check(actor, recipient).then(settings.find(recipient));
    }

    public Mono<NotificationSettings> change(Actor actor, String recipient, NotificationSettings.Change change) {
        return access.check(actor, recipient).then(settings.find(recipient))
                .map(current -> current.changedTo(change, properties.webhookAllowHttp(), properties.webhookAllowInternal()))
                .flatMap(changed -> settings.save(changed).thenReturn(changed));
    }
}
