package io.redisscale.actuator;

/** Channel names of this service, shared with its tests. */
public final class Channels {
    public static final String INSTANCES_IN = "instances-in";
    public static final String COMMANDS_IN = "commands-in";
    public static final String PLANS_IN = "plans-in";

    private Channels() {}
}
