package io.redisscale.collector.registry;

import io.redisscale.collector.polling.SampleView;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.UUID;

/**
 * An instance as the API shows it: its settings (the request's shape, with the URL's password taken
 * out), what the collector found out about it, and its live state.
 */
public record InstanceView(
        UUID id,
        @JsonUnwrapped InstanceRequest settings,
        String addonId,
        String service,
        Boolean reachable,
        SampleView lastSample,
        DecisionView lastDecision,
        Instant createdAt,
        Instant updatedAt) {}
