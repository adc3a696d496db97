package io.redisscale.runtime;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Gives every channel's topic and consumer group {@link KafkaNames}'s prefix, so a channel added to an
 * application.properties cannot forget it: {@code mp.messaging.*.topic}, {@code *.dead-letter-queue.topic}
 * and {@code *.group.id}. Registered through {@code META-INF/services}.
 */
public class KafkaNamesInterceptor implements ConfigSourceInterceptor {
    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value == null || value.getValue() == null || !names(name)) {
            return value;
        }
        ConfigValue prefix = context.proceed(KafkaNames.PREFIX_PROPERTY);
        if (prefix == null || prefix.getValue() == null || prefix.getValue().isBlank()) {
            return value;
        }
        return value.withValue(KafkaNames.of(prefix.getValue().strip()).topic(value.getValue()));
    }

    /** A channel setting that names a topic or a consumer group. */
    static boolean names(String property) {
        return property.startsWith("mp.messaging.") && (property.endsWith(".topic") || property.endsWith(".group.id"));
    }
}
