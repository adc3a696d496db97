package io.redisscale.collector;

/** Channel names of this service, shared with its tests. */
public final class Channels {
    public static final String OUTCOMES_IN = "outcomes-in";
    public static final String COMMANDS_IN = "commands-in";

    private Channels() {}
}
