package io.redisscale.runtime.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The spans of the autoscaling chain and the trace context between them. An event's context goes with its outbox
 * row ({@link #publish}: a producer span, its W3C {@code traceparent} stored beside the payload) and then in the
 * record's {@value #HEADER} header, from which the consumer's span follows ({@link #consume}). So one trace runs from
 * the collector's poll through the decision, the command, the provider's calls and the verification, to the outcome
 * and the email. Spans are started here only: a service names what it does, never how it is propagated.
 */
@ApplicationScoped
public class Traces {
    /** The W3C Trace Context header, on Kafka records as on HTTP. */
    public static final String HEADER = "traceparent";
    /**
     * While a batch of records is handled at once: each record's span, by its key. An event written then for a key
     * follows from the record of that key, so a batch of samples still gives one trace per instance.
     */
    private static final ContextKey<Map<String, Context>> BY_KEY = ContextKey.named("redisscale-batch-records-by-key");
    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header h = headers == null ? null : headers.lastHeader(key);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    };
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public Traces(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.redisscale.autoscaler");
    }

    /** Spans of one piece of work, current until closed; closing ends them. */
    public static final class Active implements AutoCloseable {
        private final List<Span> spans;
        private final Scope scope;

        private Active(List<Span> spans, Context context) {
            this.spans = spans;
            this.scope = context.makeCurrent();
        }

        /** Something that happened in the work, with what came of it (a provider's call and its answer). */
        public void event(String name, String result) {
            spans.forEach(s -> s.addEvent(name + ": " + result));
        }

        /** The work ended in {@code failure}. */
        public void failed(Throwable failure) {
            spans.forEach(s -> s.recordException(failure).setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage())));
        }

        /** The work ended in what {@code outcome} names (a plan change failed, or was refused). */
        public void failed(String outcome) {
            spans.forEach(s -> s.setStatus(StatusCode.ERROR, outcome));
        }

        @Override
        public void close() {
            scope.close();
            spans.forEach(Span::end);
        }
    }

    /** A span of this service's own work, a child of the current one, current until closed. */
    public Active start(String name, Map<String, String> attributes) {
        Span span = builder(name, SpanKind.INTERNAL, attributes).startSpan();
        return new Active(List.of(span), Context.current().with(span));
    }

    /**
     * A span begun here and ended elsewhere, not made current: work that runs on no one thread (a poll's answer
     * comes on an event loop). What it leads to is written under {@link #within}.
     */
    public Span begin(String name, Map<String, String> attributes) {
        return builder(name, SpanKind.CLIENT, attributes).startSpan();
    }

    /** Makes {@code span} current: the events written meanwhile follow from it. */
    public static Scope within(Span span) {
        return Context.current().with(span).makeCurrent();
    }

    /**
     * A producer span for an event about to be written to the outbox for {@code key} on {@code topic}, ended at
     * once (the relay's send is not part of the work); its {@code traceparent}, to be stored with the row, or null
     * when there is no trace (OpenTelemetry off).
     */
    public String publish(String topic, String key) {
        Map<String, Context> batch = Context.current().get(BY_KEY);
        Context parent = batch != null && batch.containsKey(key) ? batch.get(key) : Context.current();
        Span span = tracer.spanBuilder("publish " + topic).setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.kafka.message.key", key).startSpan();
        span.end();
        return traceparent(parent.with(span));
    }

    /** The current span's {@code traceparent}, to store with work done later (a queued email); null if there is none. */
    public static String current() {
        return traceparent(Context.current());
    }

    /** The W3C {@code traceparent} of {@code context}'s span; null when it has none (OpenTelemetry off). */
    private static String traceparent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** A span of work stored earlier with its {@code traceparent} ({@link #current()}), a child of that span, current until closed. */
    public Active resume(String name, String traceparent, Map<String, String> attributes) {
        Context parent = traceparent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceparent), MAP);
        Span span = builder(name, SpanKind.CLIENT, attributes).setParent(parent).startSpan();
        return new Active(List.of(span), Context.current().with(span));
    }

    /** The consumer span of one record: a child of the span that published it, current until closed. */
    public Active consume(ConsumerRecord<?, ?> record) {
        Span span = consumer(record);
        return new Active(List.of(span), Context.current().with(span));
    }

    /**
     * The consumer spans of a batch handled at once, one a record, each a child of its own publisher. None is
     * current (the batch has no one parent); an event written meanwhile for a record's key follows from that
     * record's span ({@link #publish}).
     */
    public Active consumeAll(List<? extends ConsumerRecord<?, ?>> records) {
        List<Span> spans = new ArrayList<>(records.size());
        Map<String, Context> byKey = new HashMap<>();
        for (ConsumerRecord<?, ?> record : records) {
            Span span = consumer(record);
            spans.add(span);
            if (record.key() != null) {
                byKey.put(record.key().toString(), Context.root().with(span));
            }
        }
        return new Active(spans, Context.current().with(BY_KEY, byKey));
    }

    private Span consumer(ConsumerRecord<?, ?> record) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), record.headers(), KAFKA_HEADERS);
        SpanBuilder builder = tracer.spanBuilder("process " + record.topic()).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.message.offset", record.offset());
        if (record.key() != null) {
            builder.setAttribute("messaging.kafka.message.key", record.key().toString());
        }
        return builder.startSpan();
    }

    private SpanBuilder builder(String name, SpanKind kind, Map<String, String> attributes) {
        SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(kind);
        attributes.forEach(builder::setAttribute);
        return builder;
    }
}
