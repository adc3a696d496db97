package io.redisscale.events;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A plan of a Redis add-on service, as published on {@link Topics#PLANS}.
 * Each field's meaning is its {@code @JsonPropertyDescription}, the same words as its JSON Schema.
 */
public record Plan(
        @JsonPropertyDescription("plan name, e.g. rediscloud:100")
        String name,
        @JsonPropertyDescription("add-on service")
        String service,
        @JsonPropertyDescription("memory limit, bytes")
        long memoryBytes,
        @JsonPropertyDescription("connection limit; -1 unlimited")
        int maxConnections,
        @JsonPropertyDescription("monthly price, USD")
        double priceMonthUsd) {
    public static final int UNLIMITED = -1;
    /** The month a monthly price is for, as Heroku prorates it (and the backtester and judge count it). */
    public static final double MONTH_SECONDS = 30 * 86400.0;

    /** What this plan costs over {@code seconds}, prorated from its monthly price. */
    public double costUsd(double seconds) {
        return prorated(priceMonthUsd, seconds);
    }

    /** A monthly price over {@code seconds}, as Heroku prorates it. */
    public static double prorated(double priceMonthUsd, double seconds) {
        return priceMonthUsd * seconds / MONTH_SECONDS;
    }

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
