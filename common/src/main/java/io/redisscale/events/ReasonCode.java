package io.redisscale.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Why a decision came out as it did, for machines: on {@link ScaleCommand#reasonCode()} and in the
 * decision API, beside the sentence for people. Each code names the policy stage that settled it.
 */
public enum ReasonCode {
    // recommend: what the load asks for
    /** Every sample of the up window was over a threshold of the current plan. */
    sustained_breach,
    /** Memory is rising fast enough to cross the plan's size before a change could take effect. */
    memory_trend,
    /** Connections are rising fast enough to cross the plan's limit before a change could take effect. */
    connection_trend,
    /** The daily profile says the coming minutes bring more than the plan holds. */
    daily_profile,
    /** A rise as large as the largest seen can come in the coming minutes (it came at this hour before) and the plan would not hold it. */
    rise_room,
    /** A cheaper plan holds the down window's peak with the down buffer. */
    fits_cheaper_plan,
    /** The current plan is the cheapest that holds the load: nothing to do. */
    plan_fits,
    /** No good sample yet. */
    no_data,
    // stabilise: is the evidence good enough to go down
    /** Failed polls, gaps or too short a history in the down window. */
    missing_data,
    // limit: may a change happen now
    /** Too soon after the last change. */
    cooldown,
    /** The daily budget of changes is spent. */
    budget_spent,
    // clamp: the instance's own bounds
    /** The current plan is below the instance's min plan. */
    below_min,
    /** The current plan is above the instance's max plan. */
    above_max,
    /** A range of the instance's plan schedule sets its minimum or maximum plan now (or within a change latency). */
    schedule,
    /** Even the max plan is over a threshold. */
    max_plan_too_small,
    /** What a code this release does not know reads as (a newer producer's): never sent. */
    @JsonEnumDefaultValue
    other
}
