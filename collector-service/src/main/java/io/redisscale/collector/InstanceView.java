package io.redisscale.collector;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.redisscale.events.InstanceConfig;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An instance as the API shows it: configuration and live state, never a password. */
public record InstanceView(
        UUID id,
        String name,
        String provider,
        String herokuApp,
        String configVar,
        String addonId,
        String service,
        String redisUrl,
        String plan,
        int metricRateSeconds,
        int scalingRateSeconds,
        int memoryThresholdPercent,
        int connectionThresholdPercent,
        boolean scalingEnabled,
        boolean dryRun,
        String minPlan,
        String maxPlan,
        @JsonProperty("notify") InstanceConfig.Notify notifications,
        List<String> recipients,
        boolean tlsAllowSelfSigned,
        Boolean reachable,
        SampleView lastSample,
        DecisionView lastDecision,
        Instant createdAt,
        Instant updatedAt) {}
