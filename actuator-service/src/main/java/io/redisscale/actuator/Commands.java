package io.redisscale.actuator;

import io.redisscale.events.Events;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import io.redisscale.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The persisted state machine of a command: each step is stored before the next begins. */
@ApplicationScoped
class Commands {
    private final Outbox outbox;
    private final Clock clock;

    Commands(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Stores a new command; false when its id was seen before (a redelivery: do nothing). */
    @Transactional
    boolean receive(ScaleCommand c) {
        if (CommandEntity.findById(c.commandId()) != null) {
            return false;
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
        return true;
    }

    @Transactional
    void executing(UUID commandId) {
        CommandEntity e = CommandEntity.findById(commandId);
        e.state = CommandEntity.State.executing.name();
        e.startedAt = clock.instant();
    }

    @Transactional
    void attempt(UUID commandId, String action, String result) {
        AttemptEntity a = new AttemptEntity();
        a.commandId = commandId;
        a.at = clock.instant();
        a.action = action;
        a.result = result;
        a.persist();
    }

    /** Ends the command and queues its outcome in the same transaction. */
    @Transactional
    ScaleOutcome finish(UUID commandId, ScaleOutcome.Status status, String detail) {
        CommandEntity e = CommandEntity.findById(commandId);
        Instant now = clock.instant();
        Instant started = e.startedAt == null ? now : e.startedAt;
        e.state = CommandEntity.State.done.name();
        e.outcome = status.name();
        e.detail = detail;
        e.finishedAt = now;
        e.durationMs = Duration.between(started, now).toMillis();
        ScaleOutcome outcome = new ScaleOutcome(UUID.randomUUID(), commandId, e.instanceId, status, e.fromPlan, e.toPlan,
                Events.read(e.payload, ScaleCommand.class).reason(), started, now, e.durationMs,
                status == ScaleOutcome.Status.succeeded ? null : detail);
        outbox.add(Topics.SCALE_OUTCOMES, e.instanceId.toString(), outcome);
        return outcome;
    }
}
