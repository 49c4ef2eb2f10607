package io.jiebang.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.jiebang.events.Actor;
import io.jiebang.events.EventCodec;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.KafkaTopics;
import io.jiebang.events.claim.TopicUnclaimed;
import io.jiebang.platform.observability.InboxObservations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.observation.ObservationHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import reactor.core.publisher.Mono;

/** Each consumed record is handled in the trace its producer started, with its ids in the MDC; dead letters are counted. */
class InboxTracingTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT_SPAN_ID = "00f067aa0ba902b7";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01";

    final List<MutableSpan> finished = new CopyOnWriteArrayList<>();
    final Tracing tracing = Tracing.newBuilder().propagationFactory(new W3CPropagation())
            .addSpanHandler(new SpanHandler() {
                @Override
                public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                    finished.add(span);
                    return true;
                }
            }).build();
    final Tracer tracer = new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()));
    final ObservationRegistry observations = ObservationRegistry.create();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final StreamBridge bridge = mock(StreamBridge.class);

    InboxTracingTest() {
        BravePropagator propagator = new BravePropagator(tracing);
        observations.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)));
        when(bridge.send(anyString(), any(Object.class))).thenReturn(true);
    }

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void aRecordIsHandledInItsProducersTraceWithItsIdsInTheLog() {
        EventEnvelope event = event("t-1");
        Map<String, String> seen = new HashMap<>();
        Inbox inbox = consumed -> Mono.fromRunnable(() -> {
            seen.put("traceId", tracer.currentSpan().context().traceId());
            seen.put("parentId", tracer.currentSpan().context().parentId());
            seen.put("topicId", MDC.get("topicId"));
            seen.put("eventId", MDC.get("eventId"));
        });
        binding(inbox).accept(record(event, TRACEPARENT));

        assertThat(seen).containsEntry("traceId", TRACE_ID).containsEntry("parentId", PARENT_SPAN_ID)
                .containsEntry("topicId", "t-1").containsEntry("eventId", event.eventId());
        assertThat(MDC.get("topicId")).isNull();
        assertThat(finished).singleElement().satisfies(span -> {
            assertThat(span.traceId()).isEqualTo(TRACE_ID);
            assertThat(span.kind()).isEqualTo(brave.Span.Kind.CONSUMER);
        });
    }

    @Test
    void everyRecordOfAPollGetsASpanInItsOwnTrace() {
        String otherTrace = "0af7651916cd43dd8448eb211c80319c";
        EventEnvelope first = event("t-1");
        EventEnvelope second = event("t-2");
        Message<List<byte[]>> poll = MessageBuilder.withPayload(List.of(EventCodec.encode(first), EventCodec.encode(second)))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, List.of(KafkaTopics.CLAIMS, KafkaTopics.CLAIMS))
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.of(
                        Map.of("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8)),
                        Map.of("traceparent", ("00-" + otherTrace + "-" + PARENT_SPAN_ID + "-01").getBytes(StandardCharsets.UTF_8))))
                .build();
        binding(consumed -> Mono.empty()).acceptAll(poll);

        assertThat(finished).extracting(MutableSpan::traceId).containsExactlyInAnyOrder(TRACE_ID, otherTrace);
    }

    @Test
    void aDeadLetterIsCountedByTheTopicItCameFrom() {
        Message<byte[]> unreadable = MessageBuilder.withPayload("not an event".getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, KafkaTopics.TOPICS).build();
        binding(consumed -> Mono.empty()).accept(unreadable);
        binding(consumed -> Mono.error(new IllegalArgumentException("cannot apply"))).accept(record(event("t-3"), TRACEPARENT));

        assertThat(meters.get("jiebang.inbox.dead.letters").tag("topic", KafkaTopics.TOPICS).counter().count()).isEqualTo(1);
        assertThat(meters.get("jiebang.inbox.dead.letters").tag("topic", KafkaTopics.CLAIMS).counter().count()).isEqualTo(1);
    }

    private InboxBinding binding(Inbox inbox) {
        return new InboxBinding(inbox, new DeadLetters(bridge, "test-service", meters, null), new InboxObservations(observations));
    }

    private static EventEnvelope event(String topicId) {
        return EventEnvelope.wrap(new TopicUnclaimed(topicId, 1), 1, Instant.now(), "/test", Actor.SYSTEM, "c", null);
    }

    private static Message<byte[]> record(EventEnvelope event, String traceparent) {
        return MessageBuilder.withPayload(EventCodec.encode(event))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, KafkaTopics.CLAIMS)
                .setHeader("traceparent", traceparent.getBytes(StandardCharsets.UTF_8)).build();
    }
}
