package io.redisscale.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The configuration of one registered instance, on the compacted {@link Topics#INSTANCES} topic
 * (a tombstone when deleted). It never carries a password: {@code redisUrl} is stripped of its
 * credentials and {@code sealedRedisUrl} holds the full URL encrypted for the services that need it.
 */
public record InstanceConfig(
        UUID id,
        String name,
        Provider provider,
        String herokuApp,
        String configVar,
        String addonId,
        String service,
        String redisUrl,
        String sealedRedisUrl,
        String plan,
        int metricRateSeconds,
        int scalingRateSeconds,
        int memoryThresholdPercent,
        int connectionThresholdPercent,
        boolean scalingEnabled,
        boolean dryRun,
        String minPlan,
        String maxPlan,
        @JsonProperty("notify") Notify notifications,
        List<String> recipients,
        Instant updatedAt) {

    public enum Provider { heroku, local }

    /** Which emails the instance's people want. */
    public record Notify(boolean thresholdBreach, boolean scalingSuccess, boolean scalingFailure) {
        public static final Notify ALL = new Notify(true, true, true);
    }
}
