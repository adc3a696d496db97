package io.redisscale.decision.backtest;

import io.redisscale.decision.policy.DailyProfile;
import io.redisscale.decision.policy.InstanceLoop;
import io.redisscale.decision.policy.PolicyInput;
import io.redisscale.decision.policy.PolicySettings;
import io.redisscale.decision.policy.ScalingPolicy;
import io.redisscale.schedule.Schedule;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleOutcome;
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
 * Replays a trace through the service's own loop ({@link InstanceLoop} around {@link ScalingPolicy}) on
 * a simulated clock: a sample every metric period, the window the service keeps, a command's change in
 * effect {@code changeLatency} after it is decided, its outcome then, and the first sample on the new
 * plan after that.
 */
public final class Simulation {
    private final PolicySettings settings;
    private final List<Plan> catalog;
    private final InstanceConfig instance;
    private final java.util.function.BooleanSupplier stop;
    private final Schedule schedule;

    public Simulation(PolicySettings settings, List<Plan> catalog, InstanceConfig instance) {
        this(settings, catalog, instance, () -> false, Schedule.NONE);
    }

    /**
     * {@code stop} is asked every {@link #STOP_CHECK} samples: true ends the run ({@link Backtest.Stopped});
     * {@code schedule}: the instance's plan schedule, as the service would read it.
     */
    public Simulation(PolicySettings settings, List<Plan> catalog, InstanceConfig instance, java.util.function.BooleanSupplier stop,
                      Schedule schedule) {
        this.settings = settings;
        this.catalog = catalog;
        this.instance = instance;
        this.stop = stop;
        this.schedule = schedule;
    }

    static final int STOP_CHECK = 1024;

    public Timeline run(Trace trace, Plan start) {
        List<Timeline.Entry> out = new ArrayList<>(List.of(new Timeline.Entry(trace.points().get(0).at(), start.name())));
        Deque<MetricSample> window = new ArrayDeque<>();
        Duration keep = InstanceLoop.windowKeep(settings);
        InstanceLoop loop = new InstanceLoop(settings);
        InstanceLoop.State state = new InstanceLoop.State();
        Plan current = start;
        Plan pending = null;
        long pendingAt = 0;
        long nextSample = Long.MIN_VALUE;
        DailyProfile profile = new DailyProfile();
        int seen = 0;
        for (Trace.Point p : trace.points()) {
            if (++seen % STOP_CHECK == 0 && stop.getAsBoolean()) {
                throw new Backtest.Stopped();
            }
            if (pending != null && p.at() >= pendingAt) {
                current = pending;
                loop.onOutcome(state, state.pendingCommandId, ScaleOutcome.Status.succeeded, Instant.ofEpochSecond(pendingAt));
                pending = null;
            }
            if (p.at() < nextSample) {
                continue;
            }
            nextSample = p.at() + instance.metricRateSeconds();
            Instant now = Instant.ofEpochSecond(p.at());
            MetricSample sample = new MetricSample(sampleId(p.at()), instance.id(), now, MetricSample.Status.ok, null, p.memory(), p.connections(),
                    current.name(), current.memoryBytes(), current.maxConnections(), null, null, null, null);
            window.addLast(sample);
            profile.record(sample);
            while (window.peekFirst().at().isBefore(now.minus(keep))) {
                window.removeFirst();
            }
            Plan on = current;
            InstanceLoop.Step step = loop.onSample(state, sample, () -> new PolicyInput(List.copyOf(window), instance, catalog,
                    on, state.lastChangeAt, state.changesInDay(now), profile, schedule), new ScalingPolicy(settings, Clock.fixed(now, ZoneOffset.UTC)), now);
            if (step.command() && !step.decision().target().name().equals(current.name())) {
                pending = step.decision().target();
                pendingAt = p.at() + settings.changeLatency().toSeconds();
                loop.sent(state, commandId(out.size()), pending.name(), now);
                out.add(new Timeline.Entry(pendingAt, pending.name()));
            }
        }
        return Timeline.of(out);
    }

    /** The id of the replay's sample taken at {@code at} (epoch seconds): name-based, like the commands'. */
    private static UUID sampleId(long at) {
        return UUID.nameUUIDFromBytes(("simulated-sample-" + at).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The id of the replay's {@code n}th command: named after its number (a name-based UUID), so the same
     * trace gives the same ids and nothing random enters a backtest.
     */
    private static UUID commandId(int n) {
        return UUID.nameUUIDFromBytes(("simulated-command-" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
