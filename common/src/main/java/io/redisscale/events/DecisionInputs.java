package io.redisscale.events;

/**
 * What a decision looked at, so a person can check it.
 *
 * @param windowSeconds            span of the samples judged, seconds
 * @param samples                  number of good samples in the window
 * @param memoryBytes              memory level judged (the window's peak), bytes
 * @param connections              connection level judged (the window's peak)
 * @param memoryPercentOfPlan      {@code memoryBytes} as percent of the current plan
 * @param connectionPercentOfPlan  {@code connections} as percent of the current plan (0 when unlimited)
 * @param memoryThresholdPercent   the instance's memory threshold
 * @param connectionThresholdPercent the instance's connection threshold
 */
public record DecisionInputs(
        long windowSeconds,
        int samples,
        long memoryBytes,
        int connections,
        double memoryPercentOfPlan,
        double connectionPercentOfPlan,
        int memoryThresholdPercent,
        int connectionThresholdPercent) {}
