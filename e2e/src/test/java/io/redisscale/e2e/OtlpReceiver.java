package io.redisscale.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An OpenTelemetry collector's OTLP/HTTP endpoint, in the test: it takes what the services push (metrics, spans) and
 * reads their spans from the protobuf, as a tracing backend would.
 */
final class OtlpReceiver implements AutoCloseable {
    /** One exported span, with the service that made it. */
    record Span(String service, String name, String traceId, String spanId, String parentSpanId, Map<String, String> attributes) {}

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

    OtlpReceiver() {
        server.start();
        server.stubFor(any(urlPathMatching("/v1/.*")).willReturn(ok()));
    }

    /** What {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set to. */
    String endpoint() {
        return server.baseUrl();
    }

    /** What the services sent to {@code path} ({@code /v1/metrics}, {@code /v1/traces}) so far, as received. */
    List<com.github.tomakehurst.wiremock.verification.LoggedRequest> pushes(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path)));
    }

    /** Every span exported so far. */
    List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (var request : pushes("/v1/traces")) {
            ExportTraceServiceRequest export;
            try {
                export = ExportTraceServiceRequest.parseFrom(request.getBody());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError("an OTLP export that is not protobuf: " + request.getHeader("Content-Type"), e);
            }
            for (ResourceSpans resource : export.getResourceSpansList()) {
                String service = attributes(resource.getResource().getAttributesList()).get("service.name");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (var s : scope.getSpansList()) {
                        spans.add(new Span(service, s.getName(), hex(s.getTraceId()), hex(s.getSpanId()),
                                s.getParentSpanId().isEmpty() ? null : hex(s.getParentSpanId()), attributes(s.getAttributesList())));
                    }
                }
            }
        }
        return spans;
    }

    /** The spans exported so far, by trace, as service and name, for a failure's message. */
    String summary() {
        return server.findAll(postRequestedFor(urlPathMatching("/v1/.*"))).size() + " exports; " + spans().stream()
                .collect(Collectors.groupingBy(Span::traceId, java.util.LinkedHashMap::new,
                        Collectors.mapping(s -> s.service() + ":" + s.name(), Collectors.toList())));
    }

    private static Map<String, String> attributes(List<KeyValue> list) {
        return list.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().hasStringValue()
                ? kv.getValue().getStringValue() : String.valueOf(kv.getValue().getIntValue()), (a, b) -> b));
    }

    private static String hex(com.google.protobuf.ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Override
    public void close() {
        server.stop();
    }
}
