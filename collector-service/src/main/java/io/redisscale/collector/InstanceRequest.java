package io.redisscale.collector;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The registration body of {@code POST/PUT /api/v1/instances}. Boxed types so a missing field is told
 * apart from a zero; {@link RegistrationRules} fills defaults and checks everything.
 */
public record InstanceRequest(
        String name,
        String provider,
        String herokuApp,
        String configVar,
        String redisUrl,
        String plan,
        Integer metricRateSeconds,
        Integer scalingRateSeconds,
        Integer memoryThresholdPercent,
        Integer connectionThresholdPercent,
        Boolean scalingEnabled,
        Boolean dryRun,
        String minPlan,
        String maxPlan,
        @JsonProperty("notify") NotifyRequest notifications,
        List<String> recipients,
        Boolean tlsAllowSelfSigned) {

    public record NotifyRequest(Boolean thresholdBreach, Boolean scalingSuccess, Boolean scalingFailure) {}
}
