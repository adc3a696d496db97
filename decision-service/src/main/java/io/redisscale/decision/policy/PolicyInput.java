package io.redisscale.decision.policy;

import io.redisscale.events.InstanceConfig;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import io.redisscale.schedule.Schedule;
import java.time.Instant;
import java.util.List;

/**
 * Everything one decision looks at.
 *
 * @param samples      the instance's recent samples, oldest first (good and failed)
 * @param catalog      the plans of the instance's service
 * @param current      the plan the instance is on
 * @param lastChangeAt when its plan last changed (null: never, as far as is known)
 * @param changesLast24h plan changes in the last 24 hours
 * @param profile      the last day's load, for what the coming minutes are likely to bring
 * @param schedule     the instance's plan schedule ({@link Schedule#NONE}: none)
 */
public record PolicyInput(List<MetricSample> samples, InstanceConfig config, List<Plan> catalog, Plan current,
                   Instant lastChangeAt, int changesLast24h, DailyProfile profile, Schedule schedule) {

    /** Without a schedule. */
    public PolicyInput(List<MetricSample> samples, InstanceConfig config, List<Plan> catalog, Plan current,
                       Instant lastChangeAt, int changesLast24h, DailyProfile profile) {
        this(samples, config, catalog, current, lastChangeAt, changesLast24h, profile, Schedule.NONE);
    }
}
