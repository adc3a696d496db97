package io.redisscale.runtime.tracing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OpenTelemetry's standard variables turned into the Quarkus properties that configure its exporter and sampler
 * (Quarkus reads only its own {@code quarkus.otel.*} names). Pure: environment in, properties out.
 *
 * <p>Without {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_ENDPOINT} nothing is exported:
 * the sampling ratio is 0, so spans are not recorded, yet every one still has its trace id, which the logs show and
 * the Kafka headers carry, so one scale-up can be followed through the four services' logs alone. With an endpoint,
 * spans are sent over OTLP (HTTP and protobuf unless {@code OTEL_EXPORTER_OTLP_PROTOCOL} says {@code grpc}), with
 * {@code OTEL_EXPORTER_OTLP_HEADERS}. The sampler is fixed when the services are built ({@code traceidratio}, in
 * microprofile-config.properties): {@code OTEL_TRACES_SAMPLER_ARG} sets its ratio (1, every trace, by default).
 * It decides by the trace id alone, so every service keeps or drops the same traces, whatever a caller's header says.
 */
public final class TraceExport {
    private TraceExport() {}

    /** Every variable read here (the deployment files are checked against the ones they set). */
    public static final java.util.Set<String> VARIABLES = java.util.Set.of("OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
            "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_TRACES_EXPORTER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_SDK_DISABLED");

    private static final String PREFIX = "quarkus.otel.";
    private static final String RATIO = PREFIX + "traces.sampler.arg";
    /** Quarkus' HTTP exporter adds this path to the endpoint itself. */
    private static final String TRACES_PATH = "/v1/traces";

    public static Map<String, String> properties(Map<String, String> env) {
        Map<String, String> p = new LinkedHashMap<>();
        value(env, "OTEL_SDK_DISABLED").ifPresent(v -> p.put(PREFIX + "sdk.disabled", v));
        value(env, "OTEL_SERVICE_NAME").ifPresent(v -> p.put(PREFIX + "service.name", v));
        value(env, "OTEL_RESOURCE_ATTRIBUTES").ifPresent(v -> p.put(PREFIX + "resource.attributes", v));
        Optional<String> endpoint = endpoint(env);
        if (endpoint.isEmpty() || value(env, "OTEL_TRACES_EXPORTER").filter("none"::equalsIgnoreCase).isPresent()) {
            p.put(RATIO, "0");
            return p;
        }
        p.put(PREFIX + "exporter.otlp.traces.endpoint", endpoint.get());
        p.put(PREFIX + "exporter.otlp.traces.protocol",
                value(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL").or(() -> value(env, "OTEL_EXPORTER_OTLP_PROTOCOL")).orElse("http/protobuf"));
        value(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS").or(() -> value(env, "OTEL_EXPORTER_OTLP_HEADERS"))
                .ifPresent(v -> p.put(PREFIX + "exporter.otlp.traces.headers", v));
        p.put(RATIO, value(env, "OTEL_TRACES_SAMPLER_ARG").orElse("1"));
        return p;
    }

    /**
     * The traces endpoint: {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} is the full URL (the standard's), the general
     * {@code OTEL_EXPORTER_OTLP_ENDPOINT} its base; Quarkus wants the base, and adds {@code /v1/traces} over HTTP.
     */
    static Optional<String> endpoint(Map<String, String> env) {
        return value(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
                .map(url -> url.replaceAll("/+$", ""))
                .map(url -> url.endsWith(TRACES_PATH) ? url.substring(0, url.length() - TRACES_PATH.length()) : url)
                .or(() -> value(env, "OTEL_EXPORTER_OTLP_ENDPOINT").map(url -> url.replaceAll("/+$", "")));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
