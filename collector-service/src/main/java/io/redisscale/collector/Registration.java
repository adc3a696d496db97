package io.redisscale.collector;

import io.redisscale.events.InstanceConfig;
import java.util.List;

/** A registration that passed {@link RegistrationRules}: defaults filled, every field checked. */
record Registration(
        String name,
        InstanceConfig.Provider provider,
        String herokuApp,
        String configVar,
        String addonId,
        String redisUrl,
        String service,
        String plan,
        int metricRateSeconds,
        int scalingRateSeconds,
        int memoryThresholdPercent,
        int connectionThresholdPercent,
        boolean scalingEnabled,
        boolean dryRun,
        String minPlan,
        String maxPlan,
        InstanceConfig.Notify notifications,
        List<String> recipients,
        boolean tlsAllowSelfSigned) {}
