package io.redisscale.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;

/**
 * The settings of the Kafka clients the services build themselves (topic bootstrap, dead-letter
 * producer, collector ownership): every {@code kafka.*} property the SmallRye channels get too (brokers,
 * {@code security.protocol}, SSL and SASL settings, from application.properties, {@code KAFKA_*}
 * variables or Heroku's {@code KAFKA_URL}), limited to what the client type knows, under its own settings.
 */
@ApplicationScoped
public class KafkaClients {
    private final Config config;

    public KafkaClients(Config config) {
        this.config = config;
    }

    public Map<String, Object> admin(Map<String, Object> own) {
        return settings(AdminClientConfig.configNames(), own);
    }

    public Map<String, Object> consumer(Map<String, Object> own) {
        return settings(ConsumerConfig.configNames(), own);
    }

    public Map<String, Object> producer(Map<String, Object> own) {
        return settings(ProducerConfig.configNames(), own);
    }

    /** The brokers, for messages. */
    public String bootstrapServers() {
        return config.getValue("kafka.bootstrap.servers", String.class);
    }

    private Map<String, Object> settings(Set<String> known, Map<String, Object> own) {
        Map<String, Object> m = new HashMap<>();
        for (String name : known) {
            // By name, not by listing: a KAFKA_SASL_MECHANISM variable is found as kafka.sasl.mechanism.
            config.getOptionalValue("kafka." + name, String.class).ifPresent(v -> m.put(name, v));
        }
        m.putAll(own);
        return m;
    }
}
