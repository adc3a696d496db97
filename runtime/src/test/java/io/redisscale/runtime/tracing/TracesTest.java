package io.redisscale.runtime.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The chain of spans one event leads to, kept by an in-memory exporter: poll, publish, process, publish. */
class TracesTest {
    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final Traces traces = new Traces(sdk(Sampler.alwaysOn()));

    private OpenTelemetry sdk(Sampler sampler) {
        return OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().setSampler(sampler)
                .addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build();
    }

    private static ConsumerRecord<String, String> record(String topic, String key, String traceparent) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>(topic, 0, 7L, key, "{}");
        if (traceparent != null) {
            r.headers().add(Traces.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    private SpanData span(String name) {
        return exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not among " + exported.getFinishedSpanItems()));
    }

    private static void assertChild(SpanData parent, SpanData child) {
        assertEquals(parent.getTraceId(), child.getTraceId(), child.getName() + " is in " + parent.getName() + "'s trace");
        assertEquals(parent.getSpanId(), child.getParentSpanId(), child.getName() + " follows from " + parent.getName());
    }

    @Test
    void anEventCarriesItsTraceToTheServiceThatReadsItAndOn() {
        Span poll = traces.begin("poll", Map.of("autoscaler.instance", "i-1"));
        String written;
        try (Scope ignored = Traces.within(poll)) {
            written = traces.publish("autoscaler.metrics", "i-1");
        }
        poll.end();
        assertNotNull(written);
        assertTrue(written.matches("00-" + poll.getSpanContext().getTraceId() + "-[0-9a-f]{16}-01"), written);

        String command;
        try (Traces.Active ignored = traces.consume(record("autoscaler.metrics", "i-1", written))) {
            command = traces.publish("autoscaler.scale-commands", "i-1");
        }
        assertChild(span("poll"), span("publish autoscaler.metrics"));
        assertChild(span("publish autoscaler.metrics"), span("process autoscaler.metrics"));
        assertChild(span("process autoscaler.metrics"), span("publish autoscaler.scale-commands"));
        assertEquals(SpanKind.CONSUMER, span("process autoscaler.metrics").getKind());
        assertEquals(SpanKind.PRODUCER, span("publish autoscaler.scale-commands").getKind());
        assertTrue(command.contains(span("publish autoscaler.scale-commands").getSpanId()), command);
    }

    /** A batch of samples judged at once: each command still follows from its own instance's sample. */
    @Test
    void inABatchAnEventFollowsFromTheRecordOfItsKey() {
        String a = publishedIn("poll a");
        String b = publishedIn("poll b");
        try (Traces.Active ignored = traces.consumeAll(List.of(record("autoscaler.metrics", "a", a), record("autoscaler.metrics", "b", b)))) {
            traces.publish("autoscaler.scale-commands", "b");
            traces.publish("autoscaler.scale-commands", "a");
        }
        List<SpanData> processed = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals("process autoscaler.metrics")).toList();
        List<SpanData> commands = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals("publish autoscaler.scale-commands")).toList();
        assertEquals(2, processed.size());
        for (SpanData command : commands) {
            String key = command.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("messaging.kafka.message.key"));
            SpanData itsRecord = processed.stream().filter(p -> key.equals(p.getAttributes()
                    .get(io.opentelemetry.api.common.AttributeKey.stringKey("messaging.kafka.message.key")))).findFirst().orElseThrow();
            assertChild(itsRecord, command);
            assertEquals(span("poll " + key).getTraceId(), command.getTraceId());
        }
        assertTrue(processed.get(0).getTraceId().equals(span("poll a").getTraceId()) != processed.get(1).getTraceId().equals(span("poll a").getTraceId()));
    }

    private String publishedIn(String name) {
        Span poll = traces.begin(name, Map.of());
        try (Scope ignored = Traces.within(poll)) {
            return traces.publish("autoscaler.metrics", name.substring(name.length() - 1));
        } finally {
            poll.end();
        }
    }

    @Test
    void aRecordWithoutATraceStartsOne() {
        try (Traces.Active consumed = traces.consume(record("autoscaler.scale-outcomes", "i-2", null))) {
            consumed.event("send email", "250 OK");
            consumed.failed(new IllegalStateException("SMTP down"));
        }
        SpanData process = span("process autoscaler.scale-outcomes");
        assertEquals(false, process.getParentSpanContext().isValid(), "a root span");
        assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode());
        assertEquals("send email: 250 OK", process.getEvents().get(0).getName());
    }

    /** Export off (TraceExport: a sampling ratio of 0): nothing recorded, yet the ids go on for the logs. */
    @Test
    void withSamplingOffTheTraceIdStillTravels() {
        Traces off = new Traces(sdk(Sampler.traceIdRatioBased(0)));
        String written = off.publish("autoscaler.metrics", "i-3");
        assertTrue(written.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"), written);
        try (Traces.Active ignored = off.consume(record("autoscaler.metrics", "i-3", written))) {
            assertEquals(written.substring(3, 35), Span.current().getSpanContext().getTraceId());
        }
        assertTrue(exported.getFinishedSpanItems().isEmpty());
        assertNull(new Traces(OpenTelemetry.noop()).publish("autoscaler.metrics", "i-4"), "no trace, no header");
    }
}
