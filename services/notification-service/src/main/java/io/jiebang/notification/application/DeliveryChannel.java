package io.jiebang.notification.application;

import io.jiebang.notification.domain.Channel;
import io.jiebang.notification.domain.Delivery;
import io.jiebang.notification.domain.NotificationSettings;
import reactor.core.publisher.Mono;

/** Sends a delivery on one outside channel; fails when the receiver did not take it. */
public interface DeliveryChannel {

    Channel channel();

    /** @param text the notification in the recipient's language */
    Mono<Void> send(Delivery delivery, NotificationSettings settings, NotificationTexts.Text text);
}
