package io.jiebang.notification.application;

import io.jiebang.notification.domain.Channel;
import io.jiebang.notification.domain.Notification;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Every notification made, once ({@code _id} = its id, so once per event and recipient), with the channels it was
 * decided to go to: the first decision stands, however often the event comes again and whatever the settings say
 * by then. A notification is complete once it is in the inbox and its deliveries exist; a redelivered event finds it
 * complete and changes nothing, one that finds it incomplete (a crash in between) finishes it.
 */
public interface NotificationLog {

    /** What was recorded of a notification: its channels and whether everything for them is done. */
    record Recorded(List<Channel> channels, boolean complete) {

        public Recorded {
            channels = List.copyOf(channels);
        }
    }

    /** Records the notification for these channels unless it was recorded before; answers what is recorded. */
    Mono<Recorded> record(Notification notification, List<Channel> channels);

    Mono<Void> complete(String notificationId);
}
