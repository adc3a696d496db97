package io.redisscale.actuator.availability;

import io.redisscale.events.Availability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The probes of one change added up into its {@link Availability}: unreachable seconds (failed probes times the
 * period), the longest outage, errors by class, and the answered probes' latency percentiles. Pure; not shared
 * between threads (the {@link Watch} hands it over once its prober has stopped).
 */
public final class Tally {
    private final Duration period;
    private final List<Long> latencies = new ArrayList<>();
    private final Map<String, Integer> errors = new TreeMap<>();
    private int probes;
    private int failed;
    private int run;
    private int longestRun;

    public Tally(Duration period) {
        this.period = period;
    }

    public void add(Probe.Result r) {
        probes++;
        if (r.answered()) {
            latencies.add(r.latencyMicros());
            run = 0;
        } else {
            failed++;
            errors.merge(r.errorClass(), 1, Integer::sum);
            run++;
            longestRun = Math.max(longestRun, run);
        }
    }

    /** The change's availability; {@code start} and {@code end} are the endpoints read before and after it. */
    public Availability availability(Probe.Endpoint start, Probe.Endpoint end) {
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        double seconds = period.toMillis() / 1000.0;
        boolean endpointChanged = end != null && !start.address().equals(end.address());
        boolean credentialsChanged = end != null && !start.credentials().equals(end.credentials());
        return new Availability(probes, failed, failed * seconds, longestRun * seconds, errors,
                ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.99)), ms(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)),
                endpointChanged, credentialsChanged);
    }

    /** Nearest-rank percentile (0 when nothing answered). */
    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
