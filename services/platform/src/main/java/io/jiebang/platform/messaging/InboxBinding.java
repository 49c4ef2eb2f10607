package io.jiebang.platform.messaging;

import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.MalformedEventException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * The Spring Cloud Stream function bound to {@code inbox-in-0}: decodes each record and hands it to the
 * service's {@link Inbox}.
 * <ul>
 *   <li>A record that is not a readable event goes straight to the dead-letter topic.</li>
 *   <li>An event the inbox keeps failing on is tried a few times, then dead-lettered with the reason, and
 *       consuming goes on.</li>
 *   <li>When the store itself is unreachable nothing is skipped: the error goes back to the listener
 *       container, which retries the same record until it works.</li>
 * </ul>
 */
public final class InboxBinding implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(InboxBinding.class);
    private static final Duration HANDLING_TIMEOUT = Duration.ofSeconds(60);
    static final int MAX_ATTEMPTS = 3;

    private final Inbox inbox;
    private final DeadLetters deadLetters;

    public InboxBinding(Inbox inbox, DeadLetters deadLetters) {
        this.inbox = inbox;
        this.deadLetters = deadLetters;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Optional<EventEnvelope> event;
        try {
            event = EventCodec.decode(message.getPayload());
        } catch (MalformedEventException unreadable) {
            deadLetters.send(message, unreadable);
            return;
        }
        event.ifPresent(e -> handle(message, e));
    }

    private void handle(Message<byte[]> message, EventEnvelope event) {
        for (int attempt = 1; ; attempt++) {
            try {
                inbox.handle(event).block(HANDLING_TIMEOUT);
                return;
            } catch (RuntimeException failure) {
                if (isInfrastructure(failure)) {
                    throw failure;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    log.warn("event {} {} failed {} times, dead-lettered: {}", event.type(), event.eventId(), attempt, failure.toString());
                    deadLetters.send(message, failure);
                    return;
                }
                pause(attempt);
            }
        }
    }

    /** The store or the broker is away: worth waiting for, never a reason to skip a record. */
    static boolean isInfrastructure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if ((t instanceof MongoException && !(t instanceof MongoWriteException)) || t instanceof TimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
