package io.redisscale.collector.registry;

import io.redisscale.collector.polling.SampleColumns;
import io.redisscale.collector.polling.SampleView;
import io.redisscale.events.Events;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.PlanSchedule;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The one mapping of an instance between its shapes, one method a direction: a checked registration
 * into the row, the row into its event, the row into its settings (the API's shape) and its view.
 * Adding a field is one line in each direction it travels.
 */
final class InstanceMapper {
    private InstanceMapper() {}

    /**
     * Registration to row; {@code sealedUrl} is the full URL sealed (null for heroku instances), {@code sealedCredentials}
     * the provider's keys sealed (null when it has none).
     */
    static void apply(Registration reg, String sealedUrl, String sealedCredentials, InstanceEntity e, Instant now) {
        InstanceRequest s = reg.settings();
        e.name = s.name();
        e.provider = s.provider();
        e.herokuApp = s.herokuApp();
        e.configVar = s.configVar();
        e.subscriptionId = s.subscriptionId();
        e.databaseId = s.databaseId();
        e.credentialsSealed = sealedCredentials;
        e.replicationGroupId = s.replicationGroupId();
        e.region = s.region();
        e.addonId = reg.addonId();
        e.service = reg.service();
        e.redisUrlSealed = sealedUrl;
        e.redisUrlDisplay = RedisUrls.withoutCredentials(s.redisUrl());
        e.plan = s.plan();
        e.metricRateSeconds = s.metricRateSeconds();
        e.scalingRateSeconds = s.scalingRateSeconds();
        e.memoryThresholdPercent = s.memoryThresholdPercent();
        e.connectionThresholdPercent = s.connectionThresholdPercent();
        e.scalingEnabled = s.scalingEnabled();
        e.dryRun = s.dryRun();
        e.minPlan = s.minPlan();
        e.maxPlan = s.maxPlan();
        e.schedule = s.schedule().ranges().isEmpty() ? null : Events.write(s.schedule());
        e.notifyThresholdBreach = s.notifications().thresholdBreach();
        e.notifyScalingSuccess = s.notifications().scalingSuccess();
        e.notifyScalingFailure = s.notifications().scalingFailure();
        e.recipients = String.join(",", s.recipients());
        e.tlsAllowSelfSigned = s.tlsAllowSelfSigned();
        e.updatedAt = now;
    }

    /** Row to event: never the full URL, only its display form and its sealed copy. */
    static InstanceConfig toEvent(InstanceEntity e) {
        return InstanceConfig.defaults()
                .id(e.id)
                .name(e.name)
                .provider(InstanceConfig.Provider.valueOf(e.provider))
                .herokuApp(e.herokuApp)
                .configVar(e.configVar)
                .subscriptionId(e.subscriptionId)
                .databaseId(e.databaseId)
                .sealedCredentials(e.credentialsSealed)
                .replicationGroupId(e.replicationGroupId)
                .region(e.region)
                .addonId(e.addonId)
                .service(e.service)
                .redisUrl(e.redisUrlDisplay)
                .sealedRedisUrl(e.redisUrlSealed)
                .tlsAllowSelfSigned(e.tlsAllowSelfSigned)
                .plan(e.plan)
                .metricRateSeconds(e.metricRateSeconds)
                .scalingRateSeconds(e.scalingRateSeconds)
                .memoryThresholdPercent(e.memoryThresholdPercent)
                .connectionThresholdPercent(e.connectionThresholdPercent)
                .scalingEnabled(e.scalingEnabled)
                .dryRun(e.dryRun)
                .minPlan(e.minPlan)
                .maxPlan(e.maxPlan)
                .schedule(e.schedule == null ? null : Events.read(e.schedule, PlanSchedule.class))
                .notifications(new InstanceConfig.Notify(e.notifyThresholdBreach, e.notifyScalingSuccess, e.notifyScalingFailure))
                .recipients(splitRecipients(e.recipients))
                .updatedAt(e.updatedAt)
                .build();
    }

    /**
     * Row to settings; {@code redisUrl} is the display URL or, for a merge, the full one; {@code credentials} null
     * (never shown) or, for a merge, the opened keys.
     */
    static InstanceRequest settings(InstanceEntity e, String redisUrl, io.redisscale.rediscloud.RedisCloudKeys credentials) {
        return InstanceRequestBuilder.builder()
                .name(e.name)
                .provider(e.provider)
                .herokuApp(e.herokuApp)
                .configVar(e.configVar)
                .subscriptionId(e.subscriptionId)
                .databaseId(e.databaseId)
                .credentials(credentials)
                .replicationGroupId(e.replicationGroupId)
                .region(e.region)
                .redisUrl(redisUrl)
                .plan(e.plan)
                .metricRateSeconds(e.metricRateSeconds)
                .scalingRateSeconds(e.scalingRateSeconds)
                .memoryThresholdPercent(e.memoryThresholdPercent)
                .connectionThresholdPercent(e.connectionThresholdPercent)
                .scalingEnabled(e.scalingEnabled)
                .dryRun(e.dryRun)
                .minPlan(e.minPlan)
                .maxPlan(e.maxPlan)
                .schedule(e.schedule == null ? PlanSchedule.NONE : Events.read(e.schedule, PlanSchedule.class))
                .notifications(new InstanceRequest.NotifyRequest(e.notifyThresholdBreach, e.notifyScalingSuccess,
                        e.notifyScalingFailure))
                .recipients(splitRecipients(e.recipients))
                .tlsAllowSelfSigned(e.tlsAllowSelfSigned)
                .build();
    }

    /** Row to view: settings without the password, and the live state. */
    static InstanceView toView(InstanceEntity e, SampleColumns last) {
        return new InstanceView(e.id, settings(e, e.redisUrlDisplay, null), e.addonId, e.service, e.reachable,
                last == null ? null : SampleView.of(last), DecisionView.of(e), e.createdAt, e.updatedAt);
    }

    static List<String> splitRecipients(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
