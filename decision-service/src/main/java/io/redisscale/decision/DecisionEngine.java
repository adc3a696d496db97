package io.redisscale.decision;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The thin shell around {@link ScalingPolicy}: gathers its inputs, and stores the decision, the command
 * and any alert in one transaction (through the outbox).
 */
@ApplicationScoped
class DecisionEngine {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DecisionEngine.class);
    /** Samples ignored as unusable (MetricSample#defect): counted, never let into a window. */
    private final java.util.concurrent.atomic.AtomicLong ignoredSamples = new java.util.concurrent.atomic.AtomicLong();
    private final Replica replica;
    private final Windows windows;
    private final Outbox outbox;
    private final Clock clock;
    private final DecisionConfig config;
    private final ScalingPolicy policy;
    private final SampleStore samples;
    private final InstanceLoop loop;

    DecisionEngine(Replica replica, Windows windows, Outbox outbox, Clock clock, DecisionConfig config, SampleStore samples) {
        this.samples = samples;
        this.replica = replica;
        this.windows = windows;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.policy = new ScalingPolicy(config.policy(), clock);
        this.loop = new InstanceLoop(config.policy());
    }

    @Transactional
    void onSample(MetricSample sample) {
        Optional<String> defect = sample.defect(clock.instant());
        if (defect.isPresent()) {
            LOG.warnf("sample %s of %s ignored: %s (%d ignored since start)", sample.eventId(), sample.instanceId(),
                    defect.get(), ignoredSamples.incrementAndGet());
            return;
        }
        if (windows.missing(sample.instanceId())) {
            // First sample since start or rebalance: rebuild the window and the daily profile first.
            samples.since(sample.instanceId(), sample.at().minus(SampleStore.RETENTION)).forEach(windows::add);
        }
        samples.save(sample);
        List<MetricSample> window = windows.add(sample);
        Optional<InstanceConfig> found = replica.get(Topics.INSTANCES, sample.instanceId().toString(), InstanceConfig.class);
        if (found.isEmpty()) {
            // Not known yet (its configuration may arrive after its first samples) or deleted: keep the
            // window, decide nothing.
            return;
        }
        InstanceConfig instance = found.get();
        List<Plan> catalog = replica.all(Topics.PLANS, Plan.class).stream()
                .filter(p -> p.service().equals(instance.service())).toList();
        Optional<Plan> current = catalog.stream().filter(p -> p.name().equals(sample.plan())).findFirst();
        if (current.isEmpty()) {
            throw new IllegalStateException("plan " + sample.plan() + " of " + instance.name() + " is not in the catalog");
        }
        InstanceState row = InstanceState.of(instance.id());
        InstanceLoop.State state = row.toLoop();
        Instant now = clock.instant();
        // A measured change latency of this service from this plan replaces the configured guess.
        ScalingPolicy judge = ChangeLatency.from(instance.service(), current.get().name())
                .map(measured -> new ScalingPolicy(config.policy().withChangeLatency(measured), clock)).orElse(policy);
        InstanceLoop.Step step = loop.onSample(state, sample, () -> new PolicyInput(window, instance, catalog, current.get(),
                state.lastChangeAt, changesSince(instance.id(), now.minus(Duration.ofHours(24))), windows.profile(instance.id())),
                judge, now);
        step.alerts().forEach(a -> alert(instance, a, now));
        if (step.decision() != null && step.decision().action() != Decision.Action.hold) {
            record(instance, state, step, current.get(), now);
        }
        row.apply(state);
    }

    long ignoredSamples() {
        return ignoredSamples.get();
    }

    @Transactional
    void onOutcome(ScaleOutcome outcome) {
        learnLatency(outcome);
        InstanceState row = InstanceState.findById(outcome.instanceId());
        if (row != null) {
            InstanceLoop.State state = row.toLoop();
            loop.onOutcome(state, outcome.commandId(), outcome.status(), outcome.finishedAt());
            row.apply(state);
        }
    }

    /** Learns how long changes take from every succeeded outcome that changed something. */
    private void learnLatency(ScaleOutcome outcome) {
        if (outcome.status() != ScaleOutcome.Status.succeeded || outcome.durationMs() <= 0) {
            return;
        }
        String service = replica.get(Topics.INSTANCES, outcome.instanceId().toString(), InstanceConfig.class)
                .map(InstanceConfig::service)
                .orElse(outcome.toPlan().substring(0, Math.max(0, outcome.toPlan().indexOf(':'))));
        ChangeLatency.record(service, outcome.fromPlan(), outcome.toPlan(), outcome.durationMs(), outcome.finishedAt());
    }

    /** One alert per episode for each instance whose last good sample is older than the limit. */
    @io.quarkus.scheduler.Scheduled(every = "${decision.missing-data-check:60s}", delayed = "30s")
    @Transactional
    void checkMissingData() {
        Instant now = clock.instant();
        List<InstanceState> silent = InstanceState.list("dataMissingOpen = false and lastGoodSampleAt < ?1",
                now.minus(config.missingDataAlertAfter()));
        for (InstanceState row : silent) {
            Optional<InstanceConfig> instance = replica.get(Topics.INSTANCES, row.instanceId.toString(), InstanceConfig.class);
            if (instance.isEmpty()) {
                continue;
            }
            InstanceLoop.State state = row.toLoop();
            loop.missingData(state, instance.get().plan(), config.missingDataAlertAfter(), now)
                    .ifPresent(a -> alert(instance.get(), a, now));
            row.apply(state);
        }
    }

    private void record(InstanceConfig instance, InstanceLoop.State state, InstanceLoop.Step step, Plan current, Instant now) {
        DecisionEntity last = DecisionEntity.find("instanceId = ?1 order by at desc", instance.id()).firstResult();
        Decision d = step.decision();
        boolean acts = step.command();
        // Without a command, the same decision would repeat on every sample: record it once a scaling period.
        if (!acts && last != null && last.commandId == null && last.action.equals(d.action().name())
                && java.util.Objects.equals(last.toPlan, d.target() == null ? null : d.target().name())
                && last.at.plusSeconds(instance.scalingRateSeconds()).isAfter(now)) {
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
            outbox.add(Topics.ALERTS, instance.id().toString(), new Alert(UUID.randomUUID(), instance.id(),
                    Alert.Kind.would_scale, current.name(), instance.name() + ": would move from " + current.name()
                    + " to " + d.target().name() + " (" + e.note + "): " + d.reason(), now));
        }
        e.persist();
    }

    private void alert(InstanceConfig instance, InstanceLoop.Raise a, Instant now) {
        outbox.add(Topics.ALERTS, instance.id().toString(),
                new Alert(UUID.randomUUID(), instance.id(), a.kind(), a.plan(), instance.name() + ": " + a.detail(), now));
    }

    private static int changesSince(UUID instanceId, Instant since) {
        return (int) DecisionEntity.count("instanceId = ?1 and commandId is not null and at > ?2", instanceId, since);
    }
}
