package io.redisscale.runtime;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Topic and consumer-group names as the broker knows them: the system's names behind {@code KAFKA_PREFIX}
 * (Heroku's multi-tenant Kafka plans give each app a prefix and refuse any other name), empty elsewhere.
 * Records, outbox rows and replicas keep the system's names; only what talks to the broker adds the prefix.
 * The channels' {@code topic} and {@code group.id} settings get it from {@link KafkaNamesInterceptor}.
 */
@Singleton
public class KafkaNames {
    /** The property KAFKA_PREFIX sets (runtime config PlatformEnv). */
    public static final String PREFIX_PROPERTY = "autoscaler.kafka.prefix";

    private final String prefix;

    public KafkaNames(@ConfigProperty(name = PREFIX_PROPERTY) Optional<String> prefix) {
        this.prefix = prefix.orElse("");
    }

    public static KafkaNames of(String prefix) {
        return new KafkaNames(Optional.ofNullable(prefix));
    }

    public String prefix() {
        return prefix;
    }

    /** The broker's name of a topic of {@code io.redisscale.events.Topics}. */
    public String topic(String name) {
        return name.startsWith(prefix) ? name : prefix + name;
    }

    /** The broker's name of a consumer group. */
    public String group(String name) {
        return topic(name);
    }

    /** The system's name of a topic the broker names (a record's {@code topic()}). */
    public String logical(String brokerTopic) {
        return !prefix.isEmpty() && brokerTopic.startsWith(prefix) ? brokerTopic.substring(prefix.length()) : brokerTopic;
    }
}
