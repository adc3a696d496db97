package io.redisscale.decision.state;

import io.redisscale.decision.DecisionConfig;
import io.redisscale.decision.policy.DailyProfile;
import io.redisscale.decision.policy.InstanceLoop;
import io.redisscale.events.MetricSample;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Each instance's recent samples, as long as the longest window needs them. */
@ApplicationScoped
public class Windows {
    /** An instance's window and daily profile, in one entry: one map lookup per sample, not one per structure. */
    private static final class Held {
        final Deque<MetricSample> samples = new ArrayDeque<>();
        final DailyProfile profile = new DailyProfile();
    }

    /** What {@link #add} gives the policy: the window, oldest first, and the daily profile it fed. */
    public record View(List<MetricSample> samples, DailyProfile profile) {}

    private final Map<UUID, Held> windows = new ConcurrentHashMap<>();
    private final Duration keep;
    private final io.micrometer.core.instrument.Counter rebuilt;

    Windows(DecisionConfig config, io.micrometer.core.instrument.MeterRegistry meters) {
        this.keep = InstanceLoop.windowKeep(config.policy());
        io.micrometer.core.instrument.Gauge.builder("autoscaler.windows.held", windows, Map::size)
                .description("instances whose sample window this replica holds").register(meters);
        this.rebuilt = io.micrometer.core.instrument.Counter.builder("autoscaler.windows.rebuilt")
                .description("windows rebuilt from stored samples (after a start, a rebalance or a failed batch)").register(meters);
    }

    /**
     * Rebuilds an instance's window and daily profile from what is stored of it: the packed answered polls feed the
     * profile alone, then the samples a window may still reach are added as they came.
     */
    public void rebuild(UUID instanceId, SampleStore.Stored stored) {
        Held held = windows.computeIfAbsent(instanceId, id -> new Held());
        synchronized (held) {
            stored.packed().forEach(held.profile::record);
            if (stored.calendar() != null) {
                held.profile.calendar().merge(stored.calendar()); // what was learnt before the day the samples reach
            }
        }
        stored.recent().forEach(this::add);
        rebuilt.increment();
    }

    /** How far back a window reaches. */
    Duration keep() {
        return keep;
    }

    /** True when this replica holds no window for the instance (first sample since start or rebalance). */
    public boolean missing(UUID instanceId) {
        return !windows.containsKey(instanceId);
    }

    /** Adds a sample in time order (a late or repeated one is dropped) and returns the window and profile. */
    public View add(MetricSample sample) {
        Held held = windows.computeIfAbsent(sample.instanceId(), id -> new Held());
        Deque<MetricSample> w = held.samples;
        synchronized (held) {
            if (w.isEmpty() || w.peekLast().at().isBefore(sample.at())) {
                w.addLast(sample);
                held.profile.record(sample);
            }
            Instant oldest = w.peekLast().at().minus(keep);
            while (w.peekFirst().at().isBefore(oldest)) {
                w.removeFirst();
            }
            return new View(List.copyOf(w), held.profile);
        }
    }

    /** The time of the latest good sample in the instance's window, if this replica holds one. */
    public java.util.Optional<Instant> lastGood(UUID instanceId) {
        Held held = windows.get(instanceId);
        if (held == null) {
            return java.util.Optional.empty();
        }
        synchronized (held) {
            for (java.util.Iterator<MetricSample> it = held.samples.descendingIterator(); it.hasNext(); ) {
                MetricSample s = it.next();
                if (s.ok()) {
                    return java.util.Optional.of(s.at());
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** The rise calendars that learnt something since last taken, each taken now (to be kept). */
    Map<UUID, io.redisscale.decision.policy.RiseCalendar.Snapshot> changedCalendars() {
        Map<UUID, io.redisscale.decision.policy.RiseCalendar.Snapshot> out = new java.util.HashMap<>();
        windows.forEach((id, held) -> {
            synchronized (held) {
                if (held.profile.calendar().changed()) {
                    out.put(id, held.profile.calendar().taken());
                }
            }
        });
        return out;
    }

    /** Forgets a deleted instance's window and profile. */
    public void forget(UUID instanceId) {
        windows.remove(instanceId);
    }

    /** The instances this replica holds windows for. */
    public java.util.Set<UUID> held() {
        return java.util.Set.copyOf(windows.keySet());
    }

    /**
     * Drops every window, as a restart does: after a rebalance an instance may come back whose samples
     * another replica judged meanwhile, so each window is rebuilt from the stored samples when next needed.
     */
    public void clear() {
        windows.clear();
    }
}
