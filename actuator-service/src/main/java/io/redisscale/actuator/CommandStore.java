package io.redisscale.actuator;

import io.redisscale.events.Events;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.UUID;

/** The persisted state machine of a command: each step is stored before the next begins. */
@ApplicationScoped
class CommandStore {
    /** What a delivery of a command finds. */
    enum Seen { NEW, UNFINISHED, DONE }

    private final Outbox outbox;
    private final Clock clock;
    private final Leases leases;

    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final io.micrometer.core.instrument.Timer changeDuration;

    CommandStore(Outbox outbox, Clock clock, Leases leases, io.micrometer.core.instrument.MeterRegistry meters) {
        this.outbox = outbox;
        this.leases = leases;
        this.clock = clock;
        this.meters = meters;
        this.changeDuration = io.micrometer.core.instrument.Timer.builder("autoscaler.plan.change.duration")
                .description("a succeeded plan change, from the provider's acknowledgement to verified")
                // A histogram, so percentiles can be taken over every actuator's buckets summed (a percentile per pod cannot).
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(Duration.ofMinutes(30))
                .register(meters);
    }

    /**
     * Stores a command the first time its id is seen (the primary key makes the id the idempotency
     * key); a redelivery finds its row: done (do nothing) or cut short by a crash (resume it).
     */
    @Transactional
    Seen receive(ScaleCommand c) {
        CommandEntity known = CommandEntity.findById(c.commandId());
        if (known != null) {
            return state(known);
        }
        CommandEntity e = new CommandEntity();
        e.commandId = c.commandId();
        e.instanceId = c.instanceId();
        e.fromPlan = c.fromPlan();
        e.toPlan = c.toPlan();
        e.direction = c.direction().name();
        e.decidedAt = c.decidedAt();
        e.payload = Events.write(c);
        e.state = CommandEntity.State.received.name();
        e.receivedAt = clock.instant();
        e.persist();
        return Seen.NEW;
    }

    /** The command's state now (read again once the instance's lock is held). */
    @Transactional
    Seen seen(UUID commandId) {
        return state(CommandEntity.findById(commandId));
    }

    /** True when nothing that changes a plan was started for this command yet. */
    @Transactional
    boolean untouched(UUID commandId) {
        return CommandEntity.State.received.name().equals(CommandEntity.<CommandEntity>findById(commandId).state);
    }

    /** A newer command for the same instance, if one arrived: it replaces this one. */
    @Transactional
    Optional<UUID> supersededBy(ScaleCommand c) {
        return CommandEntity.<CommandEntity>find("instanceId = ?1 and decidedAt > ?2 order by decidedAt desc",
                c.instanceId(), c.decidedAt()).firstResultOptional().map(e -> e.commandId);
    }

    @Transactional
    void changing(UUID commandId, Leases.Lease lease) {
        leases.check(lease);
        CommandEntity e = CommandEntity.findById(commandId);
        e.state = CommandEntity.State.executing.name();
        if (e.startedAt == null) {
            e.startedAt = clock.instant();
        }
    }

    @Transactional
    Instant changed(UUID commandId, Leases.Lease lease) {
        leases.check(lease);
        CommandEntity e = CommandEntity.findById(commandId);
        e.state = CommandEntity.State.verifying.name();
        e.changedAt = clock.instant();
        return e.changedAt;
    }

    @Transactional
    Optional<Instant> changedAt(UUID commandId) {
        return Optional.ofNullable(CommandEntity.<CommandEntity>findById(commandId).changedAt);
    }

    @Transactional
    void attempt(UUID commandId, Leases.Lease lease, String action, String result) {
        leases.check(lease);
        AttemptEntity a = new AttemptEntity();
        a.commandId = commandId;
        a.at = clock.instant();
        a.action = action;
        a.result = result;
        a.persist();
    }

    /**
     * Ends the command and queues its outcome in the same transaction, so a crash leaves both or
     * neither. The duration is the change's: from Heroku's acknowledgement to verified.
     */
    @Transactional
    ScaleOutcome skip(UUID commandId, Leases.Lease lease, ScaleOutcome.SkipReason why, String detail) {
        return finish(commandId, lease, ScaleOutcome.Status.skipped, why, detail, null, null);
    }

    /** Ends a command refused before any call. */
    @Transactional
    ScaleOutcome finish(UUID commandId, Leases.Lease lease, ScaleOutcome.Status status, ScaleOutcome.SkipReason why, String detail) {
        return finish(commandId, lease, status, why, detail, null, null);
    }

    /**
     * Ends a command its provider's changer ran; {@code availability} is what its change cost (null: nothing was sent
     * or probed).
     */
    @Transactional
    ScaleOutcome finish(UUID commandId, Leases.Lease lease, ScaleOutcome.Status status, ScaleOutcome.SkipReason why, String detail,
                        String provider, io.redisscale.events.Availability availability) {
        leases.check(lease); // one outcome: only the lease's holder ends the command
        CommandEntity e = CommandEntity.findById(commandId);
        Instant now = clock.instant();
        Instant started = e.startedAt == null ? now : e.startedAt;
        e.state = CommandEntity.State.done.name();
        e.outcome = status.name();
        e.detail = detail;
        e.finishedAt = now;
        e.durationMs = e.changedAt == null ? 0 : Duration.between(e.changedAt, now).toMillis();
        e.availability = availability == null ? null : Events.write(availability);
        e.provider = provider;
        ScaleOutcome outcome = new ScaleOutcome(UUID.randomUUID(), commandId, e.instanceId, status, why, e.fromPlan, e.toPlan,
                Events.read(e.payload, ScaleCommand.class).reason(), started, now, e.durationMs,
                status == ScaleOutcome.Status.succeeded ? null : detail, availability);
        outbox.add(Topics.SCALE_OUTCOMES, e.instanceId.toString(), outcome);
        // Bounded labels: three statuses, the skip reasons of ScaleOutcome.SkipReason.
        meters.counter("autoscaler.commands", "outcome", status.name(), "skip_reason", why == null ? "none" : why.name()).increment();
        if (status == ScaleOutcome.Status.succeeded) {
            changeDuration.record(Duration.ofMillis(e.durationMs));
        }
        return outcome;
    }

    /** CommandStore begun but not finished (executing or verifying), oldest first. */
    @Transactional
    List<ScaleCommand> unfinished() {
        return CommandEntity.<CommandEntity>list("state in ('executing', 'verifying') order by receivedAt").stream()
                .map(e -> Events.read(e.payload, ScaleCommand.class)).toList();
    }

    private static Seen state(CommandEntity e) {
        return CommandEntity.State.done.name().equals(e.state) ? Seen.DONE : Seen.UNFINISHED;
    }
}
