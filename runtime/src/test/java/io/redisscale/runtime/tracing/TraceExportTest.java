package io.redisscale.runtime.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenTelemetry's standard variables, as the Quarkus properties they become. */
class TraceExportTest {
    private static Map<String, String> env(String pairs) {
        Map<String, String> env = new HashMap<>();
        if (!pairs.isBlank()) {
            for (String pair : pairs.split(";")) {
                String[] kv = pair.split("=", 2);
                env.put(kv[0].trim(), kv[1].trim());
            }
        }
        return env;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // variables | endpoint | protocol | sampling ratio
            "'' | - | - | 0",
            "OTEL_EXPORTER_OTLP_ENDPOINT= | - | - | 0",
            "OTEL_TRACES_SAMPLER_ARG=0.5 | - | - | 0",
            "OTEL_EXPORTER_OTLP_ENDPOINT=https://otlp.example.com/ | https://otlp.example.com | http/protobuf | 1",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=https://otlp.example.com/v1/traces | https://otlp.example.com | http/protobuf | 1",
            "OTEL_EXPORTER_OTLP_ENDPOINT=https://a.example.com;OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=https://b.example.com/otlp/v1/traces | https://b.example.com/otlp | http/protobuf | 1",
            "OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4317;OTEL_EXPORTER_OTLP_PROTOCOL=grpc | http://collector:4317 | grpc | 1",
            "OTEL_EXPORTER_OTLP_ENDPOINT=http://c:4318;OTEL_TRACES_SAMPLER_ARG=0.1 | http://c:4318 | http/protobuf | 0.1",
            "OTEL_EXPORTER_OTLP_ENDPOINT=http://c:4318;OTEL_TRACES_EXPORTER=none | - | - | 0"})
    void mapsTheStandardVariables(String variables, String endpoint, String protocol, String ratio) {
        Map<String, String> p = TraceExport.properties(env(variables));
        assertEquals(endpoint, p.getOrDefault("quarkus.otel.exporter.otlp.traces.endpoint", "-"));
        assertEquals(protocol, p.getOrDefault("quarkus.otel.exporter.otlp.traces.protocol", "-"));
        assertEquals(ratio, p.get("quarkus.otel.traces.sampler.arg"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "OTEL_EXPORTER_OTLP_ENDPOINT=http://c;OTEL_EXPORTER_OTLP_HEADERS=api-key=k1 | quarkus.otel.exporter.otlp.traces.headers | api-key=k1",
            "OTEL_EXPORTER_OTLP_ENDPOINT=http://c;OTEL_EXPORTER_OTLP_HEADERS=a=1;OTEL_EXPORTER_OTLP_TRACES_HEADERS=b=2 | quarkus.otel.exporter.otlp.traces.headers | b=2",
            "OTEL_SERVICE_NAME=autoscaler-decision | quarkus.otel.service.name | autoscaler-decision",
            "OTEL_RESOURCE_ATTRIBUTES=deployment.environment=prod | quarkus.otel.resource.attributes | deployment.environment=prod",
            "OTEL_SDK_DISABLED=true | quarkus.otel.sdk.disabled | true"})
    void passesTheRestOn(String variables, String property, String value) {
        assertEquals(value, TraceExport.properties(env(variables)).get(property));
    }
}
