package io.redisscale.events;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/**
 * What a plan change cost in availability, measured by probing the instance's Redis every second (a connection and
 * a PING) from the start of the change to its verified end. Travels in {@link ScaleOutcome}.
 */
public record Availability(
        @JsonPropertyDescription("probes made, one a period from the start of the change to its verified end")
        int probes,
        @JsonPropertyDescription("probes that failed: no connection or no PONG within the probe's timeout")
        int failedProbes,
        @JsonPropertyDescription("seconds the Redis did not answer: failed probes times the probe period")
        double unreachableSeconds,
        @JsonPropertyDescription("the longest run of consecutive failed probes, seconds")
        double longestOutageSeconds,
        @JsonPropertyDescription("failed probes by error class: refused, timeout, dns, tls, auth, other")
        Map<String, Integer> errors,
        @JsonPropertyDescription("answered probes' latency (connect and PING), median, milliseconds")
        double latencyP50Ms,
        @JsonPropertyDescription("answered probes' latency (connect and PING), 99th percentile, milliseconds")
        double latencyP99Ms,
        @JsonPropertyDescription("answered probes' latency (connect and PING), largest, milliseconds")
        double latencyMaxMs,
        @JsonPropertyDescription("the Redis endpoint (host and port) at the end differed from the one at the start")
        boolean endpointChanged,
        @JsonPropertyDescription("the Redis credentials at the end differed from those at the start")
        boolean credentialsChanged) {

    public Availability {
        errors = errors == null ? Map.of() : Map.copyOf(errors);
    }

    /**
     * The change in one line for people (emails, the dashboard): "changed in 94 s; unreachable 0 s; p99 latency 3 ms",
     * with the longest outage, the errors and a moved endpoint or changed credentials when there were any.
     */
    public String summary(long durationMs) {
        StringBuilder line = new StringBuilder("changed in ").append(Math.round(durationMs / 1000.0)).append(" s; unreachable ")
                .append(figure(unreachableSeconds)).append(" s");
        if (longestOutageSeconds > 0 && longestOutageSeconds < unreachableSeconds) {
            line.append(" (longest ").append(figure(longestOutageSeconds)).append(" s)");
        }
        line.append("; p99 latency ").append(figure(latencyP99Ms)).append(" ms");
        if (!errors.isEmpty()) {
            line.append("; errors ").append(new java.util.TreeMap<>(errors).toString().replaceAll("[{}]", ""));
        }
        if (endpointChanged) {
            line.append("; the endpoint moved");
        }
        if (credentialsChanged) {
            line.append("; the credentials changed");
        }
        return line.toString();
    }

    private static String figure(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
