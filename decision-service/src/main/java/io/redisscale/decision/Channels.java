package io.redisscale.decision;

/** Channel names of this service, shared with its tests. */
public final class Channels {
    public static final String INSTANCES_IN = "instances-in";
    public static final String PLANS_IN = "plans-in";
    public static final String METRICS_IN = "metrics-in";
    public static final String OUTCOMES_IN = "outcomes-in";

    private Channels() {}
}
