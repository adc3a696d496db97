package io.redisscale.runtime;

import io.micrometer.core.instrument.Clock;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every metric of /q/metrics also pushed over OTLP (HTTP, protobuf) where nothing can scrape: Heroku's worker dynos
 * take no HTTP, so Prometheus cannot reach the decision, actuator and notifier there. Off unless the standard
 * variables say where: {@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT}, or {@code OTEL_EXPORTER_OTLP_ENDPOINT} (to which
 * {@code /v1/metrics} is added); {@code OTEL_METRIC_EXPORT_INTERVAL} (milliseconds, 60000) sets the push period, and
 * Micrometer reads {@code OTEL_EXPORTER_OTLP_HEADERS} (an API key) and {@code OTEL_RESOURCE_ATTRIBUTES} itself; the
 * service is named {@code service.name} unless {@code OTEL_SERVICE_NAME} says otherwise. Quarkus adds the registry to
 * its composite beside Prometheus'.
 */
public class OtlpMetrics {
    @Produces
    @Singleton
    OtlpMeterRegistry otlp(@ConfigProperty(name = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT") Optional<String> metricsEndpoint,
                           @ConfigProperty(name = "OTEL_EXPORTER_OTLP_ENDPOINT") Optional<String> endpoint,
                           @ConfigProperty(name = "OTEL_METRIC_EXPORT_INTERVAL", defaultValue = "60000") long intervalMillis,
                           @ConfigProperty(name = "OTEL_SERVICE_NAME") Optional<String> serviceName,
                           @ConfigProperty(name = "quarkus.application.name") String application) {
        Optional<String> url = metricsEndpoint.filter(e -> !e.isBlank())
                .or(() -> endpoint.filter(e -> !e.isBlank()).map(e -> e.replaceAll("/+$", "") + "/v1/metrics"));
        OtlpConfig config = key -> switch (key) {
            case "otlp.enabled" -> String.valueOf(url.isPresent());
            case "otlp.url" -> url.orElse(null);
            case "otlp.step" -> intervalMillis + "ms";
            case "otlp.resourceAttributes" -> serviceName.isPresent() ? null : "service.name=" + application;
            default -> null;
        };
        return new OtlpMeterRegistry(config, Clock.SYSTEM);
    }
}
