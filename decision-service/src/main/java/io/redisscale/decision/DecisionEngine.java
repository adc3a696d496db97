package io.redisscale.decision;

import io.redisscale.decision.policy.Decision;
import io.redisscale.decision.policy.InstanceLoop;
import io.redisscale.decision.policy.PolicyInput;
import io.redisscale.decision.policy.ScalingPolicy;
import io.redisscale.decision.state.ChangeLatency;
import io.redisscale.decision.state.InstanceState;
import io.redisscale.decision.state.InstanceStates;
import io.redisscale.decision.state.Latencies;
import io.redisscale.decision.state.SampleStore;
import io.redisscale.decision.state.Windows;
import io.redisscale.events.Alert;
import io.redisscale.events.Events;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Outbox;
import io.redisscale.runtime.Replica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The thin shell around {@link InstanceLoop}: gathers its inputs, and stores the decisions, commands and
 * alerts of a batch of samples in one transaction (through the outbox).
 */
@ApplicationScoped
public class DecisionEngine {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DecisionEngine.class);
    /** How often a standing decision without a command is recorded again. */
    static final java.time.Duration STANDING_REPEAT = java.time.Duration.ofDays(1);

    private final Replica replica;
    private final Windows windows;
    private final Outbox outbox;
    private final Clock clock;
    private final DecisionConfig config;
    private final ScalingPolicy policy;
    private final SampleStore samples;
    private final InstanceLoop loop;
    private final Latencies latencies;
    private final InstanceStates states;
    private final DecisionMeters meters;
    private final Schedules schedules = new Schedules();

    DecisionEngine(Replica replica, Windows windows, Outbox outbox, Clock clock, DecisionConfig config, SampleStore samples,
                   Latencies latencies, InstanceStates states, DecisionMeters meters) {
        this.latencies = latencies;
        this.states = states;
        this.meters = meters;
        this.samples = samples;
        this.replica = replica;
        this.windows = windows;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.policy = new ScalingPolicy(config.policy(), clock);
        this.loop = new InstanceLoop(config.policy());
    }

    /**
     * Judges a batch of samples in one transaction: the instances' states are read with one query and the
     * changed ones written back on the versions read (a concurrent writer makes the batch fail, to be judged
     * again), their samples stored in one JDBC batch; the catalog, the
     * instances' settings and the measured latencies come from memory. Samples of one instance are
     * judged in the order they came. On any failure the caller drops the batch's windows ({@link #forget}),
     * so a retry rebuilds them from what was committed.
     */
    @Transactional
    public void onSamples(List<MetricSample> batch) {
        long started = System.nanoTime(); // the batch's own duration, for the timer only
        try {
            judge(batch);
        } finally {
            meters.batchTook(System.nanoTime() - started);
        }
    }

    private void judge(List<MetricSample> batch) {
        Instant now = clock.instant();
        List<MetricSample> usable = usable(batch, now);
        if (usable.isEmpty()) {
            return;
        }
        Set<UUID> ids = new LinkedHashSet<>();
        usable.forEach(s -> ids.add(s.instanceId()));
        // Instances seen first since start or rebalance: their windows and daily profiles rebuilt first, in one query.
        List<UUID> missing = ids.stream().filter(windows::missing).toList();
        if (!missing.isEmpty()) {
            Instant from = usable.stream().map(MetricSample::at).min(Instant::compareTo).orElseThrow().minus(SampleStore.RETENTION);
            samples.since(missing, from).forEach(windows::rebuild);
        }
        samples.saveAll(usable);
        Map<String, InstanceConfig> settings = replica.snapshot(Topics.INSTANCES, InstanceConfig.class);
        Map<String, Plan> plans = replica.snapshot(Topics.PLANS, Plan.class);
        // The batch's known instances, looked up once each: samples may come before an instance's settings,
        // or after its deletion, and those get no state row.
        Map<UUID, InstanceConfig> instances = new HashMap<>();
        for (UUID id : ids) {
            InstanceConfig instance = settings.get(id.toString());
            if (instance != null) {
                instances.put(id, instance);
            }
        }
        Map<UUID, InstanceState> rows = states.readAll(instances.keySet());
        Map<UUID, InstanceLoop.State> loops = new HashMap<>();
        Map<String, List<Plan>> catalogs = new HashMap<>();
        // Each instance's latest stored decision, read for the whole batch the first time one is needed.
        Map<UUID, DecisionEntity> latest = null;
        for (MetricSample sample : usable) {
            Windows.View window = windows.add(sample);
            InstanceConfig instance = instances.get(sample.instanceId());
            if (instance == null) {
                // Not known yet (its configuration may arrive after its first samples) or deleted: keep the
                // window, decide nothing.
                continue;
            }
            List<Plan> catalog = catalogs.computeIfAbsent(instance.service(),
                    service -> plans.values().stream().filter(p -> p.service().equals(service))
                            .sorted(java.util.Comparator.comparingLong(Plan::memoryBytes)).toList());
            Plan current = plans.get(sample.plan());
            if (current == null || !current.service().equals(instance.service())) {
                throw new IllegalStateException("plan " + sample.plan() + " of " + instance.name() + " is not in the catalog");
            }
            InstanceLoop.State state = loops.computeIfAbsent(instance.id(), id -> rows.get(id).toLoop());
            // A measured change latency of this service from this plan replaces the configured guess.
            ScalingPolicy judge = latencies.from(instance.provider().name(), instance.service(), current.name())
                    .map(measured -> new ScalingPolicy(config.policy().withChangeLatency(measured), clock)).orElse(policy);
            InstanceLoop.Step step = loop.onSample(state, sample, () -> new PolicyInput(window.samples(), instance, catalog, current,
                    state.lastChangeAt, state.changesInDay(now), window.profile(), schedules.of(instance, catalog)), judge, now);
            step.alerts().forEach(a -> alert(instance, a, now));
            if (step.decision() != null) {
                meters.decided(step.decision());
            }
            if (step.decision() != null && step.decision().action() != Decision.Action.hold) {
                if (latest == null) {
                    latest = DecisionEntity.latest(ids);
                }
                record(instance, state, step, current, now, latest);
            }
        }
        List<InstanceState> changed = new ArrayList<>();
        loops.forEach((id, state) -> {
            if (rows.get(id).apply(state)) {
                changed.add(rows.get(id));
            }
        });
        states.write(changed);
        meters.judged(usable, now);
    }

    /** The batch's samples fit to judge; the others are logged and counted, never let into a window. */
    private List<MetricSample> usable(List<MetricSample> batch, Instant now) {
        List<MetricSample> usable = new ArrayList<>(batch.size());
        for (MetricSample sample : batch) {
            Optional<String> defect = sample.defect(now);
            if (defect.isPresent()) {
                LOG.warnf("sample %s of %s ignored: %s (%d ignored since start)", sample.eventId(), sample.instanceId(),
                        defect.get(), meters.ignore());
            } else {
                usable.add(sample);
            }
        }
        return usable;
    }

    /** Drops the windows of a batch that failed: the next attempt rebuilds them from the committed samples. */
    void forget(List<MetricSample> batch) {
        batch.forEach(s -> windows.forget(s.instanceId()));
    }

    public long ignoredSamples() {
        return meters.ignored();
    }

    @Transactional
    public void onOutcome(ScaleOutcome outcome) {
        learnLatency(outcome);
        states.lock(outcome.instanceId()).ifPresent(row -> {
            InstanceLoop.State state = row.toLoop();
            loop.onOutcome(state, outcome.commandId(), outcome.status(), outcome.finishedAt());
            if (row.apply(state)) {
                states.write(List.of(row));
            }
        });
    }

    /** Learns how long changes take from every succeeded outcome that changed something. */
    private void learnLatency(ScaleOutcome outcome) {
        if (outcome.status() != ScaleOutcome.Status.succeeded || outcome.durationMs() <= 0) {
            return;
        }
        // Learnt per provider and plan step; an instance deleted meanwhile teaches nothing (its provider is not known).
        Optional.ofNullable(replica.snapshot(Topics.INSTANCES, InstanceConfig.class).get(outcome.instanceId().toString()))
                .ifPresent(instance -> {
                    ChangeLatency.record(instance.provider().name(), instance.service(), outcome.fromPlan(), outcome.toPlan(),
                            outcome.durationMs(), outcome.finishedAt());
                    latencies.changed();
                });
    }

    /** One alert per episode for each instance whose last good sample is older than the limit. */
    @io.quarkus.scheduler.Scheduled(every = "${decision.missing-data-check:60s}", delayed = "30s")
    @Transactional
    void checkMissingData() {
        Instant now = clock.instant();
        // The stored time may be a grain behind the real one: only rows a grain past the limit are surely silent.
        List<InstanceState> silent = states.lockSilent(now.minus(config.missingDataAlertAfter()).minus(InstanceState.LAST_GOOD_GRAIN));
        List<InstanceState> changed = new ArrayList<>();
        Map<String, InstanceConfig> instances = replica.snapshot(Topics.INSTANCES, InstanceConfig.class);
        for (InstanceState row : silent) {
            Optional<InstanceConfig> instance = Optional.ofNullable(instances.get(row.instanceId.toString()));
            if (instance.isEmpty()) {
                continue;
            }
            InstanceLoop.State state = row.toLoop();
            windows.lastGood(row.instanceId).filter(at -> at.isAfter(row.lastGoodSampleAt)).ifPresent(at -> state.lastGoodSampleAt = at);
            loop.missingData(state, instance.get().plan(), config.missingDataAlertAfter(), now)
                    .ifPresent(a -> alert(instance.get(), a, now));
            if (row.apply(state)) {
                changed.add(row);
            }
        }
        states.write(changed);
    }

    /** Stores a decision that is not a hold ({@code latest}: the batch's latest decisions, kept current). */
    private void record(InstanceConfig instance, InstanceLoop.State state, InstanceLoop.Step step, Plan current, Instant now,
                           Map<UUID, DecisionEntity> latest) {
        DecisionEntity last = latest.get(instance.id());
        Decision d = step.decision();
        boolean acts = step.command();
        // Without a command the same decision repeats on every sample (dry run, scaling off, nothing to scale to):
        // it is recorded when it changes (action or target: its reason may move between rules as the load does),
        // and again once a day while it stands, not every scaling period.
        if (!acts && last != null && last.commandId == null && last.action.equals(d.action().name())
                && java.util.Objects.equals(last.toPlan, d.target() == null ? null : d.target().name())
                && last.at.plus(STANDING_REPEAT).isAfter(now)) {
            return;
        }
        DecisionEntity e = new DecisionEntity();
        e.instanceId = instance.id();
        e.at = now;
        e.action = d.action().name();
        e.fromPlan = current.name();
        e.toPlan = d.target() == null ? null : d.target().name();
        e.reasonCode = d.code().name();
        e.reason = d.reason();
        e.inputs = d.inputs() == null ? null : Events.write(d.inputs());
        if (acts) {
            ScaleCommand command = new ScaleCommand(UUID.randomUUID(), instance.id(), current.name(), d.target().name(),
                    d.action() == Decision.Action.up ? ScaleCommand.Direction.up : ScaleCommand.Direction.down,
                    d.code(), d.reason(), d.inputs(), d.target(), now);
            outbox.add(Topics.SCALE_COMMANDS, instance.id().toString(), command);
            e.commandId = command.commandId();
            loop.sent(state, command.commandId(), d.target().name(), now);
        } else if (d.changesPlan()) {
            e.note = instance.dryRun() ? "dry run: no command sent" : "scaling disabled: no command sent";
        }
        e.persist();
        latest.put(instance.id(), e);
    }

    private void alert(InstanceConfig instance, InstanceLoop.Raise a, Instant now) {
        outbox.add(Topics.ALERTS, instance.id().toString(),
                new Alert(UUID.randomUUID(), instance.id(), a.kind(), a.plan(), instance.name() + ": " + a.detail(), now));
    }
}
