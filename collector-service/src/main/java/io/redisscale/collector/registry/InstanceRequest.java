package io.redisscale.collector.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.redisscale.events.PlanSchedule;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * An instance's settings as the API takes them ({@code POST}, {@code PUT}, {@code PATCH}) and shows them
 * (inside {@link InstanceView}). Boxed types so a missing field is told apart from a zero;
 * {@link RegistrationRules} fills defaults and checks everything.
 */
@RecordBuilder
public record InstanceRequest(
        String name,
        String provider,
        String herokuApp,
        String configVar,
        String subscriptionId,
        /** A Redis Cloud Pro database in that subscription; none for an Essentials subscription. */
        String databaseId,
        /** The provider's API keys (rediscloud: account key and user key): taken, sealed, never shown again. */
        io.redisscale.rediscloud.RedisCloudKeys credentials,
        String replicationGroupId,
        String region,
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
        PlanSchedule schedule,
        @JsonProperty("notify") NotifyRequest notifications,
        List<String> recipients,
        Boolean tlsAllowSelfSigned) implements InstanceRequestBuilder.With {

    public record NotifyRequest(Boolean thresholdBreach, Boolean scalingSuccess, Boolean scalingFailure) {}
}
