package io.redisscale.actuator;

import io.redisscale.actuator.availability.Probe;
import io.redisscale.actuator.availability.Watch;
import io.redisscale.events.Availability;
import io.redisscale.events.InstanceConfig;
import java.util.List;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Replica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Carries out one command: idempotent by command id, one at a time per instance (in this JVM by a lock,
 * across actuators by the instance's lease, {@link Leases}), superseded, stale and dry-run commands
 * skipped before any call; a command a crash cut short is resumed (the changer reads the provider
 * first) unless a newer one came meanwhile, and every command ends within {@code actuator.command-deadline}.
 */
@ApplicationScoped
class CommandExecutor {
    private static final Logger LOG = Logger.getLogger(CommandExecutor.class);

    private final CommandStore commands;
    private final Replica replica;
    private final ActuatorConfig config;
    private final Clock clock;
    private final Map<InstanceConfig.Provider, PlanChanger> changers;
    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();

    private final Sleeper sleeper;
    private final Leases leases;
    private final Probe probe;
    private final io.redisscale.runtime.tracing.Traces traces;

    CommandExecutor(CommandStore commands, Replica replica, ActuatorConfig config, Clock clock, Instance<PlanChanger> changers,
             Sleeper sleeper, Leases leases, Probe probe, io.redisscale.runtime.tracing.Traces traces) {
        this.traces = traces;
        this.probe = probe;
        this.sleeper = sleeper;
        this.leases = leases;
        this.commands = commands;
        this.replica = replica;
        this.config = config;
        this.clock = clock;
        this.changers = changers.stream().collect(Collectors.toMap(PlanChanger::provider, Function.identity()));
    }

    void execute(ScaleCommand command) {
        if (commands.receive(command) == CommandStore.Seen.DONE) {
            LOG.infof("command %s seen before: not executed again", command.commandId());
            return;
        }
        // Commands of one instance share a partition, but are handled concurrently across instances:
        // the lock keeps one change per instance at a time.
        ReentrantLock lock = locks.computeIfAbsent(command.instanceId(), id -> new ReentrantLock());
        lock.lock();
        try {
            while (true) {
                // Across actuators: whoever holds the instance's lease works on it; a command another actuator
                // finished meanwhile is found done once the lease is ours.
                Leases.Lease lease = leases.acquire(command.instanceId());
                try {
                    if (commands.seen(command.commandId()) != CommandStore.Seen.DONE) {
                        run(command, lease);
                    }
                    return;
                } catch (Leases.LeaseLost lost) {
                    LOG.warnf("command %s stopped: %s; taking it up again once the lease is free", command.commandId(),
                            lost.getMessage());
                } finally {
                    leases.release(lease);
                }
            }
        } finally {
            lock.unlock();
            // No lock kept for an instance nothing waits on: the map holds the instances busy now, not every one ever seen.
            locks.computeIfPresent(command.instanceId(), (id, l) -> l.isLocked() || l.hasQueuedThreads() ? l : null);
        }
    }

    private void run(ScaleCommand command, Leases.Lease lease) {
        UUID id = command.commandId();
        Instant deadline = clock.instant().plus(config.commandDeadline());
        boolean untouched = commands.untouched(id);
        Optional<InstanceConfig> instance = instance(command.instanceId());
        if (instance.isEmpty()) {
            if (replica.deleted(Topics.INSTANCES, command.instanceId().toString())) {
                commands.skip(id, lease, ScaleOutcome.SkipReason.instance_deleted, "instance is no longer registered");
                return;
            }
            if (command.decidedAt().plus(config.maxCommandAge()).isBefore(clock.instant())) {
                commands.skip(id, lease, ScaleOutcome.SkipReason.stale, "instance never known here, and decided at "
                        + command.decidedAt() + ", older than " + config.maxCommandAge().toSeconds() + " s");
                return;
            }
            // This copy lags behind the instances topic: the command waits for it (retried), never dropped.
            throw new io.redisscale.runtime.NotArrivedYet("instance " + command.instanceId() + " of command " + id
                    + " has not reached this actuator's copy of the instances yet");
        }
        // A newer command replaces this one, also one cut short after its call: the newest plan wins.
        Optional<UUID> newer = commands.supersededBy(command);
        if (newer.isPresent()) {
            commands.skip(id, lease, ScaleOutcome.SkipReason.superseded, "superseded by newer command " + newer.get());
            return;
        }
        if (untouched) { // checks that only hold before anything was sent; a resumed change is finished
            if (config.dryRun() || instance.get().dryRun()) {
                commands.skip(id, lease, ScaleOutcome.SkipReason.dry_run,
                        "dry run: would have moved from " + command.fromPlan() + " to " + command.toPlan());
                return;
            }
            if (command.decidedAt().plus(config.maxCommandAge()).isBefore(clock.instant())) {
                commands.skip(id, lease, ScaleOutcome.SkipReason.stale, "decided at " + command.decidedAt()
                        + ", older than " + config.maxCommandAge().toSeconds() + " s");
                return;
            }
        } else {
            LOG.infof("resuming command %s cut short before: reading the provider first", id);
        }
        // The limits come from the catalog this service holds, never from the command's own copy. A resumed
        // change is finished whatever it would be refused for now: only its target must be known.
        Map<String, Plan> plans = catalog(command.toPlan());
        Optional<String> refusal = untouched ? CommandCheck.refusal(command, instance.get(), plans)
                : CommandCheck.unknownTarget(command, plans);
        if (refusal.isPresent()) {
            commands.finish(id, lease, ScaleOutcome.Status.rejected, null, refusal.get());
            LOG.warnf("command %s for %s rejected: %s", id, instance.get().name(), refusal.get());
            return;
        }
        PlanChanger changer = changers.get(instance.get().provider());
        if (changer == null) { // a provider a newer collector registered: refused, never guessed at
            commands.finish(id, lease, ScaleOutcome.Status.rejected, null, instance.get().name()
                    + "'s provider is one this actuator does not know (a newer release's)");
            return;
        }
        // The Redis is probed every second while the change runs: what the change cost in availability.
        Optional<Probe.Endpoint> before = changer.endpoint(instance.get());
        Watch watch = before.map(e -> Watch.start(probe, e, config.probePeriod())).orElse(null);
        PlanChanger.Result result;
        Availability availability = null;
        // In the command's trace: the change with each provider call as an event, then its verification.
        try (io.redisscale.runtime.tracing.Traces.Active change = traces.start("plan change", Map.of(
                "autoscaler.provider", changer.provider().name(), "autoscaler.instance.id", command.instanceId().toString(),
                "autoscaler.plan.from", command.fromPlan(), "autoscaler.plan.to", command.toPlan()))) {
            Steps steps = new Steps(id, lease, deadline, change);
            try {
                result = changer.change(instance.get(), command, plans.get(command.toPlan()), steps);
            } finally {
                steps.verified();
            }
            if (result.status() == PlanChanger.Result.Status.failed) {
                change.failed(result.detail());
            }
            if (watch != null) {
                availability = watch.stop(changer.endpoint(instance.get()).orElse(null));
            }
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
        if (commands.changedAt(id).isEmpty()) {
            availability = null; // nothing was sent: there was no change to measure
        }
        ScaleOutcome outcome = commands.finish(id, lease, ScaleOutcome.Status.valueOf(result.status().name()), result.skipReason(),
                result.detail(), changer.provider().name(), availability);
        LOG.infof("command %s for %s: %s -> %s %s in %d ms (%s)", id, instance.get().name(), command.fromPlan(),
                command.toPlan(), outcome.status(), outcome.durationMs(), result.detail());
    }

    /**
     * The plan catalog from the replica of the plans topic; a command may come before the topic is read
     * after a start, so it waits a little for its target plan.
     */
    private Map<String, Plan> catalog(String wanted) {
        Instant until = clock.instant().plus(config.instanceWait());
        while (true) {
            Map<String, Plan> plans = replica.all(Topics.PLANS, Plan.class).stream()
                    .collect(Collectors.toMap(Plan::name, Function.identity(), (a, b) -> b));
            if (plans.containsKey(wanted) || !clock.instant().isBefore(until)) {
                return plans;
            }
            sleeper.sleep(java.time.Duration.ofMillis(200));
        }
    }

    /**
     * Commands a crash left executing or verifying are taken up again at start-up, not only when their
     * Kafka record comes again (it may have been committed or dead-lettered already).
     */
    void onStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        CommandBudget.check(config, org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue(CommandBudget.MAX_POLL_INTERVAL, Long.class));
        Thread sweep = new Thread(this::resumeUnfinished, "actuator-resume");
        sweep.setDaemon(true);
        sweep.start();
    }

    /** Resumes every unfinished command; returns how many it took up. */
    int resumeUnfinished() {
        List<ScaleCommand> unfinished = commands.unfinished();
        if (!unfinished.isEmpty()) {
            LOG.infof("resuming %d command(s) a stop cut short", unfinished.size());
        }
        for (ScaleCommand command : unfinished) {
            try {
                execute(command);
            } catch (io.redisscale.runtime.NotArrivedYet lagging) { // its record comes again; so does the instance
                LOG.warnf("not resumed yet: %s", lagging.getMessage());
            }
        }
        return unfinished.size();
    }

    /**
     * The instance from the replica of the instances topic. That topic is read by another consumer, so
     * a command may come first for a just-registered instance: it waits a little for it.
     */
    private Optional<InstanceConfig> instance(UUID instanceId) {
        Instant until = clock.instant().plus(config.instanceWait());
        while (true) {
            Optional<InstanceConfig> found = replica.get(Topics.INSTANCES, instanceId.toString(), InstanceConfig.class);
            if (found.isPresent() || !clock.instant().isBefore(until)) {
                return found;
            }
            sleeper.sleep(java.time.Duration.ofMillis(200));
        }
    }

    /**
     * The command's stored steps, each checking the lease in its own transaction; each call is an event of the
     * change's span, and the verification, from the acknowledged change on, a span of its own.
     */
    private final class Steps implements PlanChanger.AttemptLog {
        private final UUID id;
        private final Leases.Lease lease;
        private final Instant deadline;
        private final io.redisscale.runtime.tracing.Traces.Active change;
        private io.redisscale.runtime.tracing.Traces.Active verification;

        Steps(UUID id, Leases.Lease lease, Instant deadline, io.redisscale.runtime.tracing.Traces.Active change) {
            this.id = id;
            this.lease = lease;
            this.deadline = deadline;
            this.change = change;
        }

        @Override
        public void record(String action, String result) {
            commands.attempt(id, lease, action, result);
            (verification != null ? verification : change).event(action, result);
        }

        @Override
        public void changing() {
            commands.changing(id, lease);
        }

        @Override
        public Instant changed() {
            Instant at = commands.changed(id, lease);
            if (verification == null) {
                verification = traces.start("verify", Map.of());
            }
            return at;
        }

        /** The change has returned: its verification, if it began, is over. */
        void verified() {
            if (verification != null) {
                verification.close();
            }
        }

        @Override
        public Instant deadline() {
            return deadline;
        }

        @Override
        public Optional<Instant> changedAt() {
            return commands.changedAt(id);
        }
    }
}
