package io.redisscale.events;

/**
 * A plan of a Redis add-on service, as published on {@link Topics#PLANS}.
 *
 * @param name           full plan name, for example {@code rediscloud:100}
 * @param service        add-on service, {@code rediscloud} or {@code heroku-redis}
 * @param memoryBytes    memory limit in bytes
 * @param maxConnections connection limit; {@code -1} means unlimited
 * @param priceMonthUsd  monthly price in US dollars
 */
public record Plan(String name, String service, long memoryBytes, int maxConnections, double priceMonthUsd) {
    public static final int UNLIMITED = -1;

    public boolean unlimitedConnections() {
        return maxConnections == UNLIMITED;
    }

    /** True when {@code connections} fit under {@code percent} of this plan's limit. */
    public boolean holdsConnections(double connections, double percent) {
        return unlimitedConnections() || connections <= maxConnections * percent / 100.0;
    }

    public boolean holdsMemory(double bytes, double percent) {
        return bytes <= memoryBytes * percent / 100.0;
    }
}
