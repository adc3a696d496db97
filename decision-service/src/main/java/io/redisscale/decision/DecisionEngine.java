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

    DecisionEngine(Replica replica, Windows windows, Outbox outbox, Clock clock, DecisionConfig config, SampleStore samples) {
        this.samples = samples;
        this.replica = replica;
        this.windows = windows;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.policy = new ScalingPolicy(config.policy(), clock);
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
        InstanceState state = InstanceState.of(instance.id());
        Instant now = clock.instant();
        if (sample.ok()) {
            state.lastGoodSampleAt = sample.at();
            state.dataMissingOpen = false;
        }
        if (waitingForChange(state, sample, now)) {
            return;
        }
        // A measured change latency of this service from this plan replaces the configured guess.
        ScalingPolicy judge = ChangeLatency.from(instance.service(), current.get().name())
                .map(measured -> new ScalingPolicy(config.policy().withChangeLatency(measured), clock)).orElse(policy);
        PolicyInput input = new PolicyInput(window, instance, catalog, current.get(), state.lastChangeAt,
                changesSince(instance.id(), now.minus(Duration.ofHours(24))), windows.profile(instance.id()));
        Decision d = judge.decide(input);
        alerts(instance, state, d, current.get(), now);
        atMinAlert(instance, state, d, judge, input, current.get(), now);
        if (d.action() == Decision.Action.hold) {
            return;
        }
        record(instance, state, d, current.get(), now);
    }

    long ignoredSamples() {
        return ignoredSamples.get();
    }

    @Transactional
    void onOutcome(ScaleOutcome outcome) {
        learnLatency(outcome);
        InstanceState state = InstanceState.findById(outcome.instanceId());
        if (state == null || !outcome.commandId().equals(state.pendingCommandId)) {
            return;
        }
        if (outcome.status() == ScaleOutcome.Status.succeeded) {
            /*
             * Still pending until a sample on the new plan arrives: samples taken on the old plan (held up
             * by a broker outage, or polled before the collector heard of the change) reach this service
             * in any order with the outcome, and deciding on them would ask for the same change again.
             */
            state.lastChangeAt = outcome.finishedAt();
            return;
        }
        state.pendingCommandId = null;
        state.pendingTarget = null;
        state.pendingSince = null;
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
        for (InstanceState state : silent) {
            Optional<InstanceConfig> instance = replica.get(Topics.INSTANCES, state.instanceId.toString(), InstanceConfig.class);
            if (instance.isEmpty()) {
                continue;
            }
            state.dataMissingOpen = true;
            outbox.add(Topics.ALERTS, state.instanceId.toString(), new Alert(UUID.randomUUID(), state.instanceId,
                    Alert.Kind.data_missing, instance.get().plan(), instance.get().name() + ": no good sample since "
                    + state.lastGoodSampleAt + " (over " + config.missingDataAlertAfter().toMinutes()
                    + " min); no scale-down until data is back", now));
        }
    }

    /**
     * While a command is out, decisions wait for a sample on the new plan (or for an outcome that says
     * the plan did not change, or for the pending timeout).
     */
    private boolean waitingForChange(InstanceState state, MetricSample sample, Instant now) {
        if (state.pendingCommandId == null) {
            return false;
        }
        if (sample.plan().equals(state.pendingTarget) || state.pendingSince.plus(config.pendingTimeout()).isBefore(now)) {
            state.pendingCommandId = null;
            state.pendingTarget = null;
            state.pendingSince = null;
            return false;
        }
        return true;
    }

    private void record(InstanceConfig instance, InstanceState state, Decision d, Plan current, Instant now) {
        DecisionEntity last = DecisionEntity.find("instanceId = ?1 order by at desc", instance.id()).firstResult();
        boolean acts = d.changesPlan() && instance.scalingEnabled() && !instance.dryRun();
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
            state.pendingCommandId = command.commandId();
            state.pendingTarget = d.target().name();
            state.pendingSince = now;
        } else if (d.changesPlan()) {
            e.note = instance.dryRun() ? "dry run: no command sent" : "scaling disabled: no command sent";
            outbox.add(Topics.ALERTS, instance.id().toString(), new Alert(UUID.randomUUID(), instance.id(),
                    Alert.Kind.would_scale, current.name(), instance.name() + ": would move from " + current.name()
                    + " to " + d.target().name() + " (" + e.note + "): " + d.reason(), now));
        }
        e.persist();
    }

    /** At the min plan with a cheaper plan below it that would hold the load: once per episode. */
    private void atMinAlert(InstanceConfig instance, InstanceState state, Decision d, ScalingPolicy judge, PolicyInput input,
                            Plan current, Instant now) {
        Optional<Plan> below = d.action() == Decision.Action.hold && !d.breach() ? judge.roomBelowMin(input) : Optional.empty();
        if (below.isPresent() && !state.atMinOpen) {
            alert(instance, Alert.Kind.at_min_plan, current, "on the min plan " + current.name() + " ($"
                    + String.format(java.util.Locale.ROOT, "%.2f", current.priceMonthUsd()) + "/month) while "
                    + below.get().name() + " ($" + String.format(java.util.Locale.ROOT, "%.2f", below.get().priceMonthUsd())
                    + "/month) would hold the last " + config.policy().downWindow().toMinutes() + " minutes' peak; "
                    + "lower the min plan to let the autoscaler save the difference", now);
        }
        state.atMinOpen = below.isPresent();
    }

    /** Breach and at-max alerts, once per episode. */
    private void alerts(InstanceConfig instance, InstanceState state, Decision d, Plan current, Instant now) {
        if (d.breach() && !state.breachOpen) {
            state.breachOpen = true;
            alert(instance, Alert.Kind.threshold_breached, current, d.reason(), now);
        } else if (!d.breach() && state.breachOpen) {
            state.breachOpen = false;
            alert(instance, Alert.Kind.back_to_normal, current, "load back under the thresholds on " + current.name(), now);
        }
        boolean atMax = d.action() == Decision.Action.cannot_scale;
        if (atMax && !state.atMaxOpen) {
            alert(instance, Alert.Kind.at_max_plan, current, d.reason(), now);
        }
        state.atMaxOpen = atMax;
    }

    private void alert(InstanceConfig instance, Alert.Kind kind, Plan plan, String detail, Instant now) {
        outbox.add(Topics.ALERTS, instance.id().toString(),
                new Alert(UUID.randomUUID(), instance.id(), kind, plan.name(), instance.name() + ": " + detail, now));
    }

    private static int changesSince(UUID instanceId, Instant since) {
        return (int) DecisionEntity.count("instanceId = ?1 and commandId is not null and at > ?2", instanceId, since);
    }
}
