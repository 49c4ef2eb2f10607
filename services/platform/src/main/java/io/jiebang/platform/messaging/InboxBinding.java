package io.jiebang.platform.messaging;

import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.MalformedEventException;
import io.jiebang.platform.deadletter.DeadLetter;
import io.jiebang.platform.deadletter.DeadLetterReplayer;
import io.jiebang.platform.deadletter.DeadLetterStore;
import io.jiebang.platform.observability.InboxObservations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The Spring Cloud Stream function bound to {@code inbox-in-0}: decodes each record and hands it to the
 * service's {@link Inbox}, one record at a time ({@link #accept}) or a poll at a time in batch mode
 * ({@link #acceptAll}).
 * <ul>
 *   <li>A record that is not a readable event, or an event of a type not in the catalog ("unknown event type"),
 *       is dead-lettered at once ({@link DeadLetters}). Known types a service has no use for are its inbox's to
 *       ignore.</li>
 *   <li>An event the inbox keeps failing on is tried a few times, then dead-lettered with the reason, and
 *       consuming goes on. A poll that fails as a whole is handled again event by event, so only the event
 *       at fault is dead-lettered.</li>
 *   <li>When the store itself is unreachable nothing is skipped: the error goes back to the listener
 *       container, which retries the same record (or poll) until it works.</li>
 *   <li>Each record is handled in the trace of the command that raised it ({@link InboxObservations}).</li>
 *   <li>A coordinator's replay of a dead letter hands its record to the inbox again ({@link #replay}).</li>
 * </ul>
 */
public final class InboxBinding implements DeadLetterReplayer {

    private static final Logger log = LoggerFactory.getLogger(InboxBinding.class);
    private static final Duration HANDLING_TIMEOUT = Duration.ofSeconds(60);
    static final int MAX_ATTEMPTS = 3;

    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final InboxObservations observations;

    public InboxBinding(Inbox inbox, DeadLetters deadLetters, InboxObservations observations) {
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.observations = observations;
    }

    public void accept(Message<byte[]> message) {
        decode(message).ifPresent(event -> handle(message, event));
    }

    /** A poll's records, with the batch mode's headers: one list entry per record. */
    public void acceptAll(Message<List<byte[]>> poll) {
        List<Message<byte[]>> records = split(poll);
        List<Message<byte[]>> readable = new ArrayList<>();
        List<EventEnvelope> events = new ArrayList<>();
        for (Message<byte[]> record : records) {
            decode(record).ifPresent(event -> {
                readable.add(record);
                events.add(event);
            });
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            observations.observeAll(readable, events, () -> inbox.handleAll(events).block(HANDLING_TIMEOUT));
        } catch (RuntimeException failure) {
            if (isInfrastructure(failure)) {
                throw failure;
            }
            log.warn("a poll of {} events failed ({}); handling them one by one", events.size(), failure.toString());
            for (int i = 0; i < events.size(); i++) {
                handle(readable.get(i), events.get(i));
            }
        }
    }

    private Optional<EventEnvelope> decode(Message<byte[]> message) {
        try {
            return Optional.of(EventCodec.decodeKnown(message.getPayload()));
        } catch (MalformedEventException unreadable) {
            deadLetters.send(message, unreadable);
            return Optional.empty();
        }
    }

    private void handle(Message<byte[]> message, EventEnvelope event) {
        observations.observe(message, event, () -> handleObserved(message, event));
    }

    private void handleObserved(Message<byte[]> message, EventEnvelope event) {
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

    @Override
    public String origin() {
        return DeadLetter.INBOX;
    }

    /**
     * Handles a dead letter's record again, as if consumed now, with the same tries as the first time.
     *
     * @return null once handled, else why it failed again (unreadable, unknown type, or the inbox's refusal)
     */
    @Override
    public Throwable replay(DeadLetterStore.Entry deadLetter) {
        if (deadLetter.payload() == null) {
            return new MalformedEventException("the dead letter kept no record to replay");
        }
        EventEnvelope event;
        try {
            event = EventCodec.decodeKnown(deadLetter.payload());
        } catch (MalformedEventException unreadable) {
            return unreadable;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                inbox.handle(event).block(HANDLING_TIMEOUT);
                return null;
            } catch (RuntimeException failure) {
                if (isInfrastructure(failure)) {
                    throw failure;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    return failure;
                }
                pause(attempt);
            }
        }
    }

    /**
     * Each record of a poll as the message it would have been alone, with the headers a dead letter keeps and
     * the record's own headers (its trace context among them).
     */
    static List<Message<byte[]>> split(Message<List<byte[]>> poll) {
        List<byte[]> payloads = poll.getPayload();
        List<Message<byte[]>> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            MessageBuilder<byte[]> record = MessageBuilder.withPayload(payloads.get(i));
            if (poll.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS) instanceof List<?> converted && i < converted.size()
                    && converted.get(i) instanceof Map<?, ?> own) {
                own.forEach((name, value) -> record.setHeader(String.valueOf(name), value));
            }
            for (String header : List.of(KafkaHeaders.RECEIVED_KEY, KafkaHeaders.RECEIVED_TOPIC,
                    KafkaHeaders.RECEIVED_PARTITION, KafkaHeaders.OFFSET)) {
                if (poll.getHeaders().get(header) instanceof List<?> values && i < values.size()) {
                    record.setHeader(header, values.get(i));
                }
            }
            records.add(record.build());
        }
        return records;
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
