package io.redisscale.decision;

import io.redisscale.events.InstanceConfig;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * Replays a trace through {@link ScalingPolicy} on a simulated clock, as the decision service runs it:
 * a sample every metric period, no decision while a change is under way, a change in effect
 * {@code changeLatency} after it is decided.
 */
final class Simulation {
    private static final UUID ID = new UUID(0, 1);

    private final PolicySettings settings;
    private final List<Plan> catalog;
    private final InstanceConfig instance;

    Simulation(PolicySettings settings, List<Plan> catalog, InstanceConfig instance) {
        this.settings = settings;
        this.catalog = catalog;
        this.instance = instance;
    }

    Timeline run(Trace trace, Plan start) {
        List<Timeline.Entry> out = new ArrayList<>(List.of(new Timeline.Entry(trace.points().get(0).at(), start.name())));
        Deque<MetricSample> window = new ArrayDeque<>();
        Deque<Long> changes = new ArrayDeque<>();
        Duration keep = settings.downWindow().plus(settings.maxGap());
        Plan current = start;
        Plan pending = null;
        long pendingAt = 0;
        Instant lastChange = null;
        long nextSample = Long.MIN_VALUE;
        DailyProfile profile = new DailyProfile();
        for (Trace.Point p : trace.points()) {
            if (pending != null && p.at() >= pendingAt) {
                current = pending;
                lastChange = Instant.ofEpochSecond(pendingAt);
                pending = null;
            }
            if (p.at() < nextSample) {
                continue;
            }
            nextSample = p.at() + instance.metricRateSeconds();
            Instant now = Instant.ofEpochSecond(p.at());
            window.addLast(new MetricSample(ID, ID, now, MetricSample.Status.ok, null, p.memory(), p.connections(),
                    current.name(), current.memoryBytes(), current.maxConnections(), null, null, null, null));
            profile.record(window.peekLast());
            while (window.peekFirst().at().isBefore(now.minus(keep))) {
                window.removeFirst();
            }
            while (!changes.isEmpty() && changes.peekFirst() <= p.at() - 86400) {
                changes.removeFirst();
            }
            if (pending != null) {
                continue;
            }
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            Decision d = new ScalingPolicy(settings, clock).decide(new PolicyInput(List.copyOf(window), instance, catalog,
                    current, lastChange, changes.size(), profile));
            if (d.changesPlan() && !d.target().name().equals(current.name())) {
                pending = d.target();
                pendingAt = p.at() + settings.changeLatency().toSeconds();
                changes.addLast(p.at());
                out.add(new Timeline.Entry(pendingAt, pending.name()));
            }
        }
        return Timeline.of(out);
    }
}
