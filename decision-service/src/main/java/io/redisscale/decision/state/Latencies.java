package io.redisscale.decision.state;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The measured change latencies ({@link ChangeLatency}) held in memory: reloaded when this replica learns
 * one, and at most a minute after another replica did (a slowly moving estimate; a minute late is harmless).
 */
@ApplicationScoped
public class Latencies {
    private static final long REFRESH_NANOS = Duration.ofMinutes(1).toNanos();
    private volatile Map<String, Duration> longestFrom;
    private volatile long loadedAt;

    /**
     * The longest measured change away from {@code plan} of {@code service} through {@code provider}: the next change
     * could be any of them.
     */
    public Optional<Duration> from(String provider, String service, String plan) {
        Map<String, Duration> held = longestFrom;
        if (held == null || System.nanoTime() - loadedAt > REFRESH_NANOS) {
            held = load();
        }
        return Optional.ofNullable(held.get(provider + "\u0000" + service + "\u0000" + plan));
    }

    /** A latency was just stored: the next read reloads. */
    public void changed() {
        longestFrom = null;
    }

    private Map<String, Duration> load() {
        Map<String, Duration> out = new HashMap<>();
        List<ChangeLatency> rows = ChangeLatency.listAll();
        for (ChangeLatency r : rows) {
            out.merge(r.provider + "\u0000" + r.service + "\u0000" + r.fromPlan, Duration.ofMillis(r.ewmaMs), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        loadedAt = System.nanoTime();
        longestFrom = out;
        return out;
    }
}
