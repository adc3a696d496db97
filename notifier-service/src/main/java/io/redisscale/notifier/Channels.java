package io.redisscale.notifier;

/** Channel names of this service, shared with its tests. */
public final class Channels {
    public static final String INSTANCES_IN = "instances-in";
    public static final String PLANS_IN = "plans-in";
    public static final String OUTCOMES_IN = "outcomes-in";
    public static final String ALERTS_IN = "alerts-in";
    public static final String REPORTS_IN = "reports-in";

    private Channels() {}
}
