package io.redisscale.testsupport;

import io.redisscale.events.InstanceConfig;
import io.redisscale.events.InstanceConfigBuilder;
import java.time.Instant;
import java.util.UUID;

/**
 * The one place tests make an instance's configuration: a builder with a fresh id and the values most
 * tests want (Redis Cloud from 30 MB to 1 GB, polled every 30 s, decided every 60 s); a test names
 * only what it is about.
 */
public final class InstanceFixtures {
    private InstanceFixtures() {}

    /** A {@code local} instance on {@code rediscloud:30}. */
    public static InstanceConfigBuilder local(String name) {
        return InstanceConfig.defaults()
                .id(UUID.randomUUID())
                .name(name)
                .provider(InstanceConfig.Provider.local)
                .service("rediscloud")
                .plan("rediscloud:30")
                .metricRateSeconds(30)
                .scalingRateSeconds(60)
                .minPlan("rediscloud:30")
                .maxPlan("rediscloud:1000")
                .updatedAt(Instant.now());
    }

    /** A {@code heroku} instance of {@code app}, bound to the Redis Cloud add-on {@code addonId}. */
    public static InstanceConfigBuilder heroku(String app, String addonId) {
        return local(app)
                .provider(InstanceConfig.Provider.heroku)
                .herokuApp(app)
                .configVar("REDISCLOUD_URL")
                .addonId(addonId);
    }
}
