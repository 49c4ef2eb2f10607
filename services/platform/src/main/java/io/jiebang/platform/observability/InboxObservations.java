package io.jiebang.platform.observability;

import io.jiebang.events.EventEnvelope;
import io.jiebang.events.TopicEvent;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Wraps the handling of consumed records in an observation named {@code jiebang.inbox}: a consumer span whose
 * parent is the record's {@code traceparent} header (the trace of the command that raised the event), and a
 * timer tagged with the Kafka topic and the event type. While one record is handled, the log's MDC carries
 * {@code topicId} (of the board topic the event concerns) and {@code eventId} beside the trace and span ids; at
 * DEBUG each handled record is logged with them.
 */
public class InboxObservations {

    private static final Logger log = LoggerFactory.getLogger(InboxObservations.class);
    static final String NAME = "jiebang.inbox";
    public static final String EVENT_ID = "eventId";
    public static final String TOPIC_ID = "topicId";

    private final ObservationRegistry registry;

    public InboxObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** Handles one record inside its observation, with its trace and ids in the MDC. */
    public void observe(Message<byte[]> record, EventEnvelope event, Runnable handling) {
        Observation observation = start(record, event);
        MDC.put(EVENT_ID, event.eventId());
        if (event.data() instanceof TopicEvent topicEvent) {
            MDC.put(TOPIC_ID, topicEvent.topicId());
        }
        try (Observation.Scope scope = observation.openScope()) {
            handling.run();
            log.debug("handled {} from {}", event.type(), event.source());
        } catch (RuntimeException failure) {
            observation.error(failure);
            throw failure;
        } finally {
            MDC.remove(EVENT_ID);
            MDC.remove(TOPIC_ID);
            observation.stop();
        }
    }

    /**
     * Handles a poll's records together: each record still gets its span in its own trace, all ending when the
     * poll is handled; none is current meanwhile, as the work is shared.
     */
    public void observeAll(List<Message<byte[]>> records, List<EventEnvelope> events, Runnable handling) {
        List<Observation> observations = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            observations.add(start(records.get(i), events.get(i)));
        }
        try {
            handling.run();
        } catch (RuntimeException failure) {
            observations.forEach(observation -> observation.error(failure));
            throw failure;
        } finally {
            observations.forEach(Observation::stop);
        }
    }

    private Observation start(Message<byte[]> record, EventEnvelope event) {
        ReceiverContext<MessageHeaders> context = new ReceiverContext<>(InboxObservations::header);
        context.setCarrier(record.getHeaders());
        context.setRemoteServiceName("kafka");
        return Observation.createNotStarted(NAME, () -> context, registry)
                .contextualName("inbox " + event.type())
                .lowCardinalityKeyValue("messaging.destination.name",
                        String.valueOf(record.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC)))
                .lowCardinalityKeyValue("event.type", event.type())
                .highCardinalityKeyValue("event.id", event.eventId())
                .start();
    }

    /** A Kafka header as the binder hands it over: the record's bytes, or text. */
    private static String header(MessageHeaders headers, String name) {
        Object value = headers.get(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
