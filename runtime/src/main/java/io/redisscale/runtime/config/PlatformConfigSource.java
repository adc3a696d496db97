package io.redisscale.runtime.config;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * {@link PlatformEnv}'s properties, and OpenTelemetry's ({@link io.redisscale.runtime.tracing.TraceExport}), as a configuration source: above application.properties (250), below
 * environment variables (300), so an explicit {@code QUARKUS_*} variable still wins.
 */
public class PlatformConfigSource implements ConfigSource {
    private final Map<String, String> properties = properties(System.getenv());

    private static Map<String, String> properties(Map<String, String> env) {
        Map<String, String> all = new java.util.LinkedHashMap<>(io.redisscale.runtime.tracing.TraceExport.properties(env));
        all.putAll(PlatformEnv.properties(env, kafkaSettings()));
        return all;
    }

    /** Every setting an admin client, a consumer or a producer knows. */
    public static Set<String> kafkaSettings() {
        Set<String> all = new java.util.HashSet<>(org.apache.kafka.clients.admin.AdminClientConfig.configNames());
        all.addAll(org.apache.kafka.clients.consumer.ConsumerConfig.configNames());
        all.addAll(org.apache.kafka.clients.producer.ProducerConfig.configNames());
        return all;
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String name) {
        return properties.get(name);
    }

    @Override
    public String getName() {
        return "platform-env (PORT, DATABASE_URL, KAFKA_URL, OTEL_*)";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }
}
